"""Reading bytes and files: content sniffing, encodings, bad input, the never-crash property."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.errors import DecodeError, InputError, JixiaoError, ParseError
from jixiao.ingest import read_bytes
from jixiao.ingest.files import expand, read_path
from jixiao.interchange import to_dict

from .helpers import DATA, SEED, seed_text


def test_seed_file_is_read_as_text_layout() -> None:
    [doc] = read_path(SEED)
    assert doc.source is not None
    assert doc.source.layout == "text"
    assert doc.source.name == "seed.txt"
    assert len(doc.source.sha256) == 64


def test_json_is_detected_by_content_not_extension(tmp_path: Path) -> None:
    [doc] = read_path(SEED)
    odd = tmp_path / "table.txt"  # JSON under a .txt name
    odd.write_text(json.dumps(to_dict(doc), ensure_ascii=False), encoding="utf-8")
    [back] = read_path(odd)
    assert to_dict(back) == to_dict(doc)


def test_json_array_gives_every_document() -> None:
    [doc] = read_path(SEED)
    data = json.dumps([to_dict(doc), to_dict(doc)], ensure_ascii=False).encode()
    assert len(read_bytes(data, "two.json")) == 2


def test_utf8_bom_is_accepted() -> None:
    [doc] = read_bytes(b"\xef\xbb\xbf" + SEED.read_bytes(), "bom.txt")
    assert doc.counts()["indicators"] == 212


def test_gbk_file_is_read_with_a_note_naming_the_encoding() -> None:
    for codec in ("gb18030", "gbk"):
        [doc] = read_bytes(seed_text().encode(codec), "gbk.txt")
        assert doc.counts()["projects"] == 39 and doc.department == "广州市科学技术局"
        [note] = [n for n in doc.notes if n.code == "encoding.gb18030"]
        assert note.level == "info" and "GB18030" in note.message and "GBK" in note.message
    # given, the encoding is used as given, and nothing is noted
    [doc] = read_bytes(seed_text().encode("gb18030"), "gbk.txt", encoding="gb18030")
    assert not any(n.code.startswith("encoding.") for n in doc.notes)


def test_a_gbk_table_padded_with_runs_of_pipes_is_read_as_chinese() -> None:
    # a page's table copied with its empty cells as long runs of |: the rules are no text, so
    # they do not outweigh its Chinese (the share of Han characters is of what is not padding)
    pad = " |" * 200
    rows = [
        "项目名称 | 某某项目" + pad,
        "主管部门 | 某某局" + pad,
        "一级指标 | 二级指标 | 三级指标 | 指标值" + pad,
        "产出指标 | 数量指标 | 某某数量 | ≥10个" + pad,
    ]
    from jixiao.ingest.encoding import decode_text

    text, encoding = decode_text("\n".join(rows).encode("gb18030"), "pipes.txt")
    assert encoding == "gb18030" and text.startswith("项目名称")


def test_traditional_text_in_gbk_is_read() -> None:
    # a mirror's Traditional page saved on Chinese Windows: GBK bytes whose characters are the
    # Traditional forms of common ones
    text = zhconv_traditional(seed_text())
    [doc] = read_bytes(text.encode("gb18030"), "trad-gbk.txt")
    assert doc.counts()["projects"] == 39 and doc.department == "广州市科学技术局"
    assert {"encoding.gb18030", "text.traditional"} <= {n.code for n in doc.notes}


def test_text_in_another_encoding_is_never_read_as_gbk() -> None:
    # Big5 bytes decode as GB18030 too, into rare characters: refused, not read as wrong text
    big5 = zhconv_traditional(seed_text()).encode("big5", errors="ignore")
    assert big5.decode("gb18030", errors="ignore")  # (GB18030 would take them)
    with pytest.raises(DecodeError) as info:
        read_bytes(big5, "big5.txt")
    assert "--encoding" in (info.value.expected or "")


def zhconv_traditional(text: str) -> str:
    from jixiao.ingest.text_clean import _zhconv  # zhconv, its dictionary file closed again

    return str(_zhconv().convert(text, "zh-hant"))


def test_random_bytes_are_refused() -> None:
    data = bytes(range(256)) * 4
    with pytest.raises(DecodeError) as info:
        read_bytes(data, "noise.bin")
    assert "不是文本文件" in info.value.message
    assert info.value.source == "noise.bin"


def test_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(ParseError, match="空"):
        read_path(empty)


def test_broken_json_names_line() -> None:
    with pytest.raises(InputError) as info:
        read_bytes(b'{\n  "department": \n}', "broken.json")
    assert info.value.line == 3


def test_json_against_schema() -> None:
    with pytest.raises(InputError) as info:
        read_bytes(json.dumps({"format": "jixiao.document"}).encode(), "partial.json")
    assert "不符合交换格式" in info.value.message


def test_unknown_layout() -> None:
    with pytest.raises(InputError, match="未知的版式"):
        read_bytes(b"x", "x.txt", layout="nope")


def test_expand_folders_and_missing_paths(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.json").write_text("{}", encoding="utf-8")
    (tmp_path / "sub" / "c.png").write_bytes(b"\x89PNG")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "d.txt").write_text("x", encoding="utf-8")
    assert [p.name for p in expand([tmp_path])] == ["a.txt", "b.json"]
    with pytest.raises(InputError, match="不存在"):
        expand([tmp_path / "missing.txt"])


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_give_a_document_or_our_error(data: bytes) -> None:
    try:
        docs = read_bytes(data, "fuzz.bin")
    except JixiaoError as exc:
        assert str(exc)
    else:
        assert docs


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("合计项目、；:：1234567890.,-指标值年度实施周期 \n产出效益")),
        max_size=400,
    )
)
def test_table_like_text_gives_a_document_or_our_error(text: str) -> None:
    header = "部门名称：某局 单位：万元\n项目名称（资金使用单位） 总计 财政拨款 绩效目标 绩效指标\n"
    try:
        read_bytes((header + text).encode(), "fuzz.txt")
    except JixiaoError as exc:
        assert str(exc)


def test_seed_slices_never_crash() -> None:
    text = seed_text()
    for cut in range(0, len(text), 997):
        with contextlib.suppress(JixiaoError):
            read_bytes(text[cut:].encode(), "slice.txt")


def test_data_folder_has_only_tables() -> None:
    assert all(p.suffix in {".txt", ".json"} for p in expand([DATA / "text"]))
