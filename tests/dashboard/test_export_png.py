"""Server-side PNG export: valid PNG bytes of the requested size, bounded arguments, clear CLI errors."""

from __future__ import annotations

import struct
import threading
import zlib
from pathlib import Path

import pytest

from server.render import (
    PNG_MAGIC,
    ExportError,
    check_args,
    export_cli,
    export_figure,
    png_size,
    render_png,
)
from views.state import ViewState


def _ihdr(data: bytes) -> tuple[int, int]:
    """Width and height read straight from the IHDR chunk, checking its CRC."""
    assert data[:8] == PNG_MAGIC
    length, kind = struct.unpack(">I4s", data[8:16])
    assert kind == b"IHDR" and length == 13
    body = data[16:29]
    (crc,) = struct.unpack(">I", data[29:33])
    assert zlib.crc32(kind + body) == crc
    return struct.unpack(">II", body[:8])


@pytest.mark.slow
def test_render_png_has_the_requested_pixel_size() -> None:
    data = render_png(ViewState(), "map", width=700, height=600, scale=1.5)
    assert _ihdr(data) == (1050, 900)
    assert png_size(data) == (1050, 900)


@pytest.mark.slow
def test_charts_keep_the_height_their_content_needs() -> None:
    natural = int(export_figure(ViewState(), "timeline").layout.height)
    data = render_png(ViewState(), "timeline", width=700, height=300, scale=2)
    assert _ihdr(data) == (1400, 2 * natural)
    assert data.rstrip(b"\x00").endswith(b"IEND\xaeB`\x82")


@pytest.mark.slow
def test_render_png_draws_chinese(tmp_path: Path) -> None:
    en = render_png(ViewState(lang="en"), "timeline", width=600, height=600, scale=1)
    zh = render_png(ViewState(lang="zh"), "timeline", width=600, height=600, scale=1)
    assert _ihdr(en)[0] == _ihdr(zh)[0] == 600
    assert en != zh  # the labels differ, so the pixels do


@pytest.mark.slow
def test_concurrent_exports_are_serialised_and_all_valid() -> None:
    results: list[bytes] = []
    errors: list[BaseException] = []

    def work(width: int) -> None:
        try:
            results.append(render_png(ViewState(), "timeline", width=width, height=600, scale=1))
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(w,)) for w in (500, 600, 700)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert not errors
    assert sorted(_ihdr(r)[0] for r in results) == [500, 600, 700]


@pytest.mark.parametrize(
    ("chart", "width", "height", "scale", "message"),
    [
        ("pie", 1200, 800, 2, "chart='pie'"),
        ("map", 10, 800, 2, "width=10"),
        ("map", 1200, 99999, 2, "height=99999"),
        ("map", 1200, 800, 0, "scale=0"),
        ("map", 1200, 800, float("nan"), "scale=nan"),
        ("map", 3000, 3000, 4, "pixels"),
    ],
)
def test_check_args_names_the_bad_argument(
    chart: str, width: int, height: int, scale: float, message: str
) -> None:
    with pytest.raises(ExportError, match=message):
        check_args(chart, width, height, scale)


def test_prefecture_needs_a_province() -> None:
    with pytest.raises(ExportError, match="province"):
        check_args("prefecture", 1200, 800, 2, ViewState())


def test_png_size_rejects_non_png() -> None:
    with pytest.raises(ValueError, match="not a PNG"):
        png_size(b"GIF89a")


@pytest.mark.parametrize(
    ("out", "chart", "width", "message"),
    [
        ("x.txt", "ranking", 1200, "ending in .png"),
        ("missing/x.png", "ranking", 1200, "does not exist"),
        ("x.png", "pie", 1200, "chart='pie'"),
        ("x.png", "ranking", 5, "width=5"),
    ],
)
def test_export_cli_bad_arguments_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], out: str, chart: str, width: int, message: str
) -> None:
    rc = export_cli(out=str(tmp_path / out), query="", chart=chart, width=width, height=800, scale=2)
    assert rc == 2
    assert message in capsys.readouterr().err
    assert not list(tmp_path.glob("*.png"))


@pytest.mark.slow
def test_export_cli_writes_a_png_and_reports_bad_query_values(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "timeline.png"
    rc = export_cli(
        out=str(out), query="lang=zh&indicator=bogus", chart="timeline", width=800, height=600, scale=1
    )
    assert rc == 0
    assert _ihdr(out.read_bytes())[0] == 800
    captured = capsys.readouterr()
    assert "bogus" in captured.err  # the notice, in Chinese, names the ignored value
    assert str(out) in captured.out


@pytest.mark.slow
def test_export_recovers_when_the_renderer_has_stopped() -> None:
    import kaleido

    assert png_size(render_png(ViewState(), "ranking", width=600, height=400, scale=1))[0] == 600
    kaleido.stop_sync_server(silence_warnings=True)  # as if its browser had gone away
    assert png_size(render_png(ViewState(), "ranking", width=640, height=400, scale=1))[0] == 640


@pytest.mark.slow
def test_the_uncopied_export_spec_renders_like_the_copied_one() -> None:
    import kaleido

    from figures.common import topojson_file_url
    from server.render import _ensure_server, _plain

    _ensure_server()
    fig = export_figure(ViewState(province="440000"), "map", height=500)
    fig.update_layout(width=600)
    opts = {"format": "png", "width": 600, "height": 500, "scale": 1}
    shared = kaleido.calc_fig_sync(_plain(fig), opts=opts, topojson=topojson_file_url())
    copied = kaleido.calc_fig_sync(fig.to_plotly_json(), opts=opts, topojson=topojson_file_url())
    assert shared == copied
