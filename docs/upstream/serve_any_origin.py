"""textual-serve's server has no hook for a middleware: any page may drive the app through its websocket.

    python serve_any_origin.py

opens the websocket of a textual-serve Server on 127.0.0.1 as a page of another site would
(an Origin header naming it) and prints whether the server accepted it. Expected: refused,
or a way to add a check. Seen: accepted; the app's process starts for the stranger. goaltui
overrides Server._make_app (goaltui/serve/server.py) to add its guard (a secret path, a
token, the Origin and Host checks) as aiohttp middleware.
"""

import asyncio
import socket

import aiohttp
from textual_serve.server import Server


async def main() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = Server("python -c 'import time; time.sleep(5)'", host="127.0.0.1", port=port)
    runner = aiohttp.web.AppRunner(await server._make_app())
    await runner.setup()
    await aiohttp.web.TCPSite(runner, "127.0.0.1", port).start()
    async with aiohttp.ClientSession() as client:
        headers = {"Origin": "http://another-site.example"}
        try:
            async with client.ws_connect(f"http://127.0.0.1:{port}/ws", headers=headers) as ws:
                print("a page of another site was let in:", not ws.closed)
        except aiohttp.WSServerHandshakeError as refused:
            print("refused:", refused.status)
    await runner.cleanup()


asyncio.run(main())
