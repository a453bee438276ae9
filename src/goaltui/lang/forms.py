"""How other languages write numbers and dates, from CLDR (written by `python -m i18n forms`: do not edit).

Loaded only for a language other than English (lang/form.py holds English's).
"""

from __future__ import annotations

from goaltui.lang.form import Form

FORMS: dict[str, Form] = {
    'sv': Form(
        decimal=',', group='\xa0', percent='\xa0%', first_weekday=0,
        weekdays=('mån', 'tis', 'ons', 'tors', 'fre', 'lör', 'sön'),
        weekday_names=('måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag', 'söndag'),
        months=('jan.', 'feb.', 'mars', 'apr.', 'maj', 'juni', 'juli', 'aug.', 'sep.', 'okt.', 'nov.', 'dec.'),
        month_names=('januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'),
    ),
    'sv_FI': Form(
        decimal=',', group='\xa0', percent='\xa0%', first_weekday=0,
        weekdays=('mån', 'tis', 'ons', 'tors', 'fre', 'lör', 'sön'),
        weekday_names=('måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag', 'söndag'),
        months=('jan.', 'feb.', 'mars', 'apr.', 'maj', 'juni', 'juli', 'aug.', 'sep.', 'okt.', 'nov.', 'dec.'),
        month_names=('januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'),
    ),
    'da': Form(
        decimal=',', group='.', percent='\xa0%', first_weekday=0,
        weekdays=('man.', 'tirs.', 'ons.', 'tors.', 'fre.', 'lør.', 'søn.'),
        weekday_names=('mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag', 'søndag'),
        months=('jan.', 'feb.', 'mar.', 'apr.', 'maj', 'jun.', 'jul.', 'aug.', 'sep.', 'okt.', 'nov.', 'dec.'),
        month_names=('januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'),
    ),
    'de': Form(
        decimal=',', group='.', percent='\xa0%', first_weekday=0,
        weekdays=('Mo.', 'Di.', 'Mi.', 'Do.', 'Fr.', 'Sa.', 'So.'),
        weekday_names=('Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag', 'Sonntag'),
        months=('Jan.', 'Feb.', 'März', 'Apr.', 'Mai', 'Juni', 'Juli', 'Aug.', 'Sept.', 'Okt.', 'Nov.', 'Dez.'),
        month_names=('Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'),
    ),
    'de_AT': Form(
        decimal=',', group='.', percent='\xa0%', first_weekday=0,
        weekdays=('Mo.', 'Di.', 'Mi.', 'Do.', 'Fr.', 'Sa.', 'So.'),
        weekday_names=('Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag', 'Sonntag'),
        months=('Jän.', 'Feb.', 'März', 'Apr.', 'Mai', 'Juni', 'Juli', 'Aug.', 'Sep.', 'Okt.', 'Nov.', 'Dez.'),
        month_names=('Jänner', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'),
    ),
    'de_CH': Form(
        decimal='.', group='’', percent='%', first_weekday=0,
        weekdays=('Mo.', 'Di.', 'Mi.', 'Do.', 'Fr.', 'Sa.', 'So.'),
        weekday_names=('Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag', 'Sonntag'),
        months=('Jan.', 'Feb.', 'März', 'Apr.', 'Mai', 'Juni', 'Juli', 'Aug.', 'Sept.', 'Okt.', 'Nov.', 'Dez.'),
        month_names=('Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'),
    ),
    'es': Form(
        decimal=',', group='.', percent='\xa0%', first_weekday=0,
        weekdays=('lun', 'mar', 'mié', 'jue', 'vie', 'sáb', 'dom'),
        weekday_names=('lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado', 'domingo'),
        months=('ene', 'feb', 'mar', 'abr', 'may', 'jun', 'jul', 'ago', 'sept', 'oct', 'nov', 'dic'),
        month_names=('enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'),
    ),
    'fi': Form(
        decimal=',', group='\xa0', percent='\xa0%', first_weekday=0,
        weekdays=('ma', 'ti', 'ke', 'to', 'pe', 'la', 'su'),
        weekday_names=('maanantaina', 'tiistaina', 'keskiviikkona', 'torstaina', 'perjantaina', 'lauantaina', 'sunnuntai'),
        months=('tammi', 'helmi', 'maalis', 'huhti', 'touko', 'kesä', 'heinä', 'elo', 'syys', 'loka', 'marras', 'joulu'),
        month_names=('tammikuuta', 'helmikuuta', 'maaliskuuta', 'huhtikuuta', 'toukokuuta', 'kesäkuuta', 'heinäkuuta', 'elokuuta', 'syyskuuta', 'lokakuuta', 'marraskuuta', 'joulukuuta'),
    ),
    'fr': Form(
        decimal=',', group='\u202f', percent='\xa0%', first_weekday=0,
        weekdays=('lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.', 'dim.'),
        weekday_names=('lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'),
        months=('janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'),
        month_names=('janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'),
    ),
    'fr_CH': Form(
        decimal=',', group='\u202f', percent='%', first_weekday=0,
        weekdays=('lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.', 'dim.'),
        weekday_names=('lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'),
        months=('janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'),
        month_names=('janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'),
    ),
    'it': Form(
        decimal=',', group='.', percent='%', first_weekday=0,
        weekdays=('lun', 'mar', 'mer', 'gio', 'ven', 'sab', 'dom'),
        weekday_names=('lunedì', 'martedì', 'mercoledì', 'giovedì', 'venerdì', 'sabato', 'domenica'),
        months=('gen', 'feb', 'mar', 'apr', 'mag', 'giu', 'lug', 'ago', 'set', 'ott', 'nov', 'dic'),
        month_names=('gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno', 'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre'),
    ),
    'nb': Form(
        decimal=',', group='\xa0', percent='\xa0%', first_weekday=0,
        weekdays=('man.', 'tir.', 'ons.', 'tor.', 'fre.', 'lør.', 'søn.'),
        weekday_names=('mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag', 'søndag'),
        months=('jan.', 'feb.', 'mars', 'apr.', 'mai', 'juni', 'juli', 'aug.', 'sep.', 'okt.', 'nov.', 'des.'),
        month_names=('januar', 'februar', 'mars', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'desember'),
    ),
    'nl': Form(
        decimal=',', group='.', percent='%', first_weekday=0,
        weekdays=('ma', 'di', 'wo', 'do', 'vr', 'za', 'zo'),
        weekday_names=('maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag'),
        months=('jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'),
        month_names=('januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'),
    ),
    'pl': Form(
        decimal=',', group='\xa0', percent='%', first_weekday=0,
        weekdays=('pon.', 'wt.', 'śr.', 'czw.', 'pt.', 'sob.', 'niedz.'),
        weekday_names=('poniedziałek', 'wtorek', 'środa', 'czwartek', 'piątek', 'sobota', 'niedziela'),
        months=('sty', 'lut', 'mar', 'kwi', 'maj', 'cze', 'lip', 'sie', 'wrz', 'paź', 'lis', 'gru'),
        month_names=('stycznia', 'lutego', 'marca', 'kwietnia', 'maja', 'czerwca', 'lipca', 'sierpnia', 'września', 'października', 'listopada', 'grudnia'),
    ),
    'pt': Form(
        decimal=',', group='.', percent='%', first_weekday=0,
        weekdays=('seg.', 'ter.', 'qua.', 'qui.', 'sex.', 'sáb.', 'dom.'),
        weekday_names=('segunda-feira', 'terça-feira', 'quarta-feira', 'quinta-feira', 'sexta-feira', 'sábado', 'domingo'),
        months=('jan.', 'fev.', 'mar.', 'abr.', 'mai.', 'jun.', 'jul.', 'ago.', 'set.', 'out.', 'nov.', 'dez.'),
        month_names=('janeiro', 'fevereiro', 'março', 'abril', 'maio', 'junho', 'julho', 'agosto', 'setembro', 'outubro', 'novembro', 'dezembro'),
    ),
    'pt_PT': Form(
        decimal=',', group='\xa0', percent='%', first_weekday=6,
        weekdays=('segunda', 'terça', 'quarta', 'quinta', 'sexta', 'sábado', 'domingo'),
        weekday_names=('segunda-feira', 'terça-feira', 'quarta-feira', 'quinta-feira', 'sexta-feira', 'sábado', 'domingo'),
        months=('jan.', 'fev.', 'mar.', 'abr.', 'mai.', 'jun.', 'jul.', 'ago.', 'set.', 'out.', 'nov.', 'dez.'),
        month_names=('janeiro', 'fevereiro', 'março', 'abril', 'maio', 'junho', 'julho', 'agosto', 'setembro', 'outubro', 'novembro', 'dezembro'),
    ),
    'cs': Form(
        decimal=',', group='\xa0', percent='\xa0%', first_weekday=0,
        weekdays=('po', 'út', 'st', 'čt', 'pá', 'so', 'ne'),
        weekday_names=('pondělí', 'úterý', 'středa', 'čtvrtek', 'pátek', 'sobota', 'neděle'),
        months=('led', 'úno', 'bře', 'dub', 'kvě', 'čvn', 'čvc', 'srp', 'zář', 'říj', 'lis', 'pro'),
        month_names=('ledna', 'února', 'března', 'dubna', 'května', 'června', 'července', 'srpna', 'září', 'října', 'listopadu', 'prosince'),
    ),
    'et': Form(
        decimal=',', group='\xa0', percent='%', first_weekday=0,
        weekdays=('E', 'T', 'K', 'N', 'R', 'L', 'P'),
        weekday_names=('esmaspäev', 'teisipäev', 'kolmapäev', 'neljapäev', 'reede', 'laupäev', 'pühapäev'),
        months=('jaan', 'veebr', 'märts', 'apr', 'mai', 'juuni', 'juuli', 'aug', 'sept', 'okt', 'nov', 'dets'),
        month_names=('jaanuar', 'veebruar', 'märts', 'aprill', 'mai', 'juuni', 'juuli', 'august', 'september', 'oktoober', 'november', 'detsember'),
    ),
    'lt': Form(
        decimal=',', group='\xa0', percent='\xa0%', first_weekday=0,
        weekdays=('pr', 'an', 'tr', 'kt', 'pn', 'št', 'sk'),
        weekday_names=('pirmadienis', 'antradienis', 'trečiadienis', 'ketvirtadienis', 'penktadienis', 'šeštadienis', 'sekmadienis'),
        months=('saus.', 'vas.', 'kov.', 'bal.', 'geg.', 'birž.', 'liep.', 'rugp.', 'rugs.', 'spal.', 'lapkr.', 'gruod.'),
        month_names=('sausio', 'vasario', 'kovo', 'balandžio', 'gegužės', 'birželio', 'liepos', 'rugpjūčio', 'rugsėjo', 'spalio', 'lapkričio', 'gruodžio'),
    ),
    'lv': Form(
        decimal=',', group='\xa0', percent='%', first_weekday=0,
        weekdays=('pirmd.', 'otrd.', 'trešd.', 'ceturtd.', 'piektd.', 'sestd.', 'svētd.'),
        weekday_names=('pirmdiena', 'otrdiena', 'trešdiena', 'ceturtdiena', 'piektdiena', 'sestdiena', 'svētdiena'),
        months=('janv.', 'febr.', 'marts', 'apr.', 'maijs', 'jūn.', 'jūl.', 'aug.', 'sept.', 'okt.', 'nov.', 'dec.'),
        month_names=('janvāris', 'februāris', 'marts', 'aprīlis', 'maijs', 'jūnijs', 'jūlijs', 'augusts', 'septembris', 'oktobris', 'novembris', 'decembris'),
    ),
    'is': Form(
        decimal=',', group='.', percent='%', first_weekday=0,
        weekdays=('mán.', 'þri.', 'mið.', 'fim.', 'fös.', 'lau.', 'sun.'),
        weekday_names=('mánudagur', 'þriðjudagur', 'miðvikudagur', 'fimmtudagur', 'föstudagur', 'laugardagur', 'sunnudagur'),
        months=('jan.', 'feb.', 'mar.', 'apr.', 'maí', 'jún.', 'júl.', 'ágú.', 'sep.', 'okt.', 'nóv.', 'des.'),
        month_names=('janúar', 'febrúar', 'mars', 'apríl', 'maí', 'júní', 'júlí', 'ágúst', 'september', 'október', 'nóvember', 'desember'),
    ),
    'tr': Form(
        decimal=',', group='.', percent='%', first_weekday=0,
        weekdays=('Pzt', 'Sal', 'Çar', 'Per', 'Cum', 'Cmt', 'Paz'),
        weekday_names=('Pazartesi', 'Salı', 'Çarşamba', 'Perşembe', 'Cuma', 'Cumartesi', 'Pazar'),
        months=('Oca', 'Şub', 'Mar', 'Nis', 'May', 'Haz', 'Tem', 'Ağu', 'Eyl', 'Eki', 'Kas', 'Ara'),
        month_names=('Ocak', 'Şubat', 'Mart', 'Nisan', 'Mayıs', 'Haziran', 'Temmuz', 'Ağustos', 'Eylül', 'Ekim', 'Kasım', 'Aralık'),
    ),
    'ro': Form(
        decimal=',', group='.', percent='\xa0%', first_weekday=0,
        weekdays=('lun.', 'mar.', 'mie.', 'joi', 'vin.', 'sâm.', 'dum.'),
        weekday_names=('luni', 'marți', 'miercuri', 'joi', 'vineri', 'sâmbătă', 'duminică'),
        months=('ian.', 'feb.', 'mar.', 'apr.', 'mai', 'iun.', 'iul.', 'aug.', 'sept.', 'oct.', 'nov.', 'dec.'),
        month_names=('ianuarie', 'februarie', 'martie', 'aprilie', 'mai', 'iunie', 'iulie', 'august', 'septembrie', 'octombrie', 'noiembrie', 'decembrie'),
    ),
    'hu': Form(
        decimal=',', group='\xa0', percent='%', first_weekday=0,
        weekdays=('H', 'K', 'Sze', 'Cs', 'P', 'Szo', 'V'),
        weekday_names=('hétfő', 'kedd', 'szerda', 'csütörtök', 'péntek', 'szombat', 'vasárnap'),
        months=('jan.', 'febr.', 'márc.', 'ápr.', 'máj.', 'jún.', 'júl.', 'aug.', 'szept.', 'okt.', 'nov.', 'dec.'),
        month_names=('január', 'február', 'március', 'április', 'május', 'június', 'július', 'augusztus', 'szeptember', 'október', 'november', 'december'),
    ),
}

# A territory whose week starts on another day than Monday (CLDR weekData).
FIRST_DAYS = {
    'AF': 5, 'AG': 6, 'AS': 6, 'BD': 6, 'BH': 5, 'BR': 6, 'BS': 6, 'BT': 6, 'BW': 6, 'BZ': 6,
    'CA': 6, 'CO': 6, 'DJ': 5, 'DM': 6, 'DO': 6, 'DZ': 5, 'EG': 5, 'ET': 6, 'GT': 6, 'GU': 6,
    'HK': 6, 'HN': 6, 'ID': 6, 'IL': 6, 'IN': 6, 'IQ': 5, 'IR': 5, 'JM': 6, 'JO': 5, 'JP': 6,
    'KE': 6, 'KH': 6, 'KR': 6, 'KW': 5, 'LA': 6, 'LY': 5, 'MH': 6, 'MM': 6, 'MO': 6, 'MT': 6,
    'MV': 4, 'MX': 6, 'MZ': 6, 'NI': 6, 'NP': 6, 'OM': 5, 'PA': 6, 'PE': 6, 'PH': 6, 'PK': 6,
    'PR': 6, 'PT': 6, 'PY': 6, 'QA': 5, 'SA': 6, 'SD': 5, 'SG': 6, 'ST': 6, 'SV': 6, 'SY': 5,
    'TH': 6, 'TL': 6, 'TT': 6, 'TW': 6, 'UM': 6, 'US': 6, 'VE': 6, 'VI': 6, 'WS': 6, 'YE': 6,
    'ZA': 6, 'ZW': 6,
}
