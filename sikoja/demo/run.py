"""``sikoja demo``: the whole job on the bundled sample Kota Jambi web, on one machine.

Starts the sample OPD websites on loopback (ports 8701 and up), crawls them with politeness
off (they are ours and local), indexes them and serves the search page and API. The sample
sites keep running while the search serves, so result links open.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sikoja.errors import SikojaError


def run_demo(
    *,
    data_dir: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    serve: bool = True,
    sites_port: int = 8701,
    progress: Callable[[str], None] = print,
) -> int:
    from crawler.run import crawl
    from indexer.build import build_index
    from sikoja.config import load_settings
    from sikoja.demo.server import serve_sample_sites
    from sikoja.sources import load_sources

    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    try:
        web_context = serve_sample_sites(base_port=sites_port)
        web = web_context.__enter__()
    except OSError as exc:
        raise SikojaError(
            f"cannot start the sample sites on ports {sites_port}+ ({exc.strerror}); "
            "choose others with --sites-port") from None
    try:
        sources_path = data_dir / "sources.yaml"
        web.write_sources(sources_path)
        sources = load_sources(sources_path)
        settings = load_settings(data_dir)
        settings.crawl.delay = 0.0
        progress(f"sample Kota Jambi web: {len(sources)} sources on 127.0.0.1:{sites_port}+")
        summary = crawl(sources, settings, data_dir, progress=progress)
        print(summary, flush=True)
        if not summary.ok:
            raise SikojaError("the demo crawl stored no pages")
        print(build_index(settings, progress=progress), flush=True)
        if serve:
            import uvicorn

            from search_api.app import create_app

            app = create_app(settings)
            print(f"sikoja is serving at http://{host}:{port}/  (Ctrl-C stops)", flush=True)
            uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
    finally:
        web_context.__exit__(None, None, None)
    return 0
