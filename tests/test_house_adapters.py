"""The adapters, each the one module that reaches into a dependency's private attributes: a
test here fails when the dependency changes one, before a build does."""

from __future__ import annotations

import multiprocessing
import subprocess
import sys
import zlib
from concurrent.futures import ProcessPoolExecutor

import pypdf
from pypdf.generic import DecodedStreamObject, StreamObject

from briefing.distribution.pypdf_adapter import add_object, copy_encoded_data
from briefing.layout.weasyprint_adapter import (
    fontconfig_of,
    load_weasyprint,
    page_box,
    shared_font_configuration,
)
from briefing.runner.stdlib_adapter import pool_processes


def test_a_laid_out_page_has_its_page_box_with_the_content_area() -> None:
    weasyprint = load_weasyprint()
    css = weasyprint.CSS(string="@page { size: 100px 200px; margin: 10px 20px }")
    document = weasyprint.HTML(string="<p>x</p>").render(stylesheets=[css])
    box = page_box(document.pages[0])
    assert (box.content_box_x(), box.width) == (20, 60)
    assert (box.padding_width(), box.padding_height()) == (60, 180)


def test_a_font_configuration_has_a_fontconfig_pointer() -> None:
    ffi = load_weasyprint().text.ffi.ffi
    pointer = fontconfig_of(shared_font_configuration())
    assert ffi.typeof(pointer) is ffi.typeof("FcConfig *")
    assert pointer != ffi.NULL


def _square(number: int) -> int:
    return number * number


def test_a_pool_lists_the_processes_it_started() -> None:
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(2, mp_context=context) as pool:
        assert pool.submit(_square, 3).result() == 9
        processes = pool_processes(pool)
        assert processes and all(process.pid == pid for pid, process in processes.items())


def test_exit_handlers_run_once_when_asked() -> None:
    """In a process of its own: running this process's handlers would close its libraries."""
    script = (
        "import atexit\n"
        "from briefing.runner.stdlib_adapter import run_exit_handlers\n"
        "atexit.register(print, 'ran')\n"
        "run_exit_handlers()\n"
        "run_exit_handlers()\n"
        "print('done')\n"
    )
    ran = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert ran.stdout.split() == ["ran", "done"], ran.stderr


def test_pypdf_adds_an_object_and_copies_a_stream_as_encoded() -> None:
    writer = pypdf.PdfWriter()
    source = DecodedStreamObject()
    source.set_data(b"0 0 m 1 1 l S")
    compressed = source.flate_encode()
    reference = add_object(writer, compressed)
    assert reference.get_object() is compressed
    copied = StreamObject()
    copy_encoded_data(compressed, copied)
    assert zlib.decompress(copied.get_data()) == b"0 0 m 1 1 l S"  # the bytes as encoded
