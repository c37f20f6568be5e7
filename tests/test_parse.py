"""The parser on the real gazette, on the 284 unseen texts, and on edge cases."""
from __future__ import annotations

import json
from datetime import date

import pytest

from assistant.errors import SourceError
from assistant.parse import parse_file, parse_text
from assistant.parse.departments import parse_departments
from assistant.parse.numbering import marker_of
from assistant.text import norm_compare

from common import SHARED, TODAY

SEED_DOCS = [
    ("宁党办〔2022〕41号", "宁夏农村人居环境整治提升五年行动实施方案（2021—2025年）", date(2022, 7, 1)),
    ("宁党厅字〔2022〕28号", "全区安全生产百日专项整治行动方案", date(2022, 7, 13)),
    ("宁政办发〔2022〕49号", "关于推进全区内外贸一体化发展的若干措施", date(2022, 8, 3)),
    ("宁政办发〔2022〕51号", "宁夏回族自治区重大行政决策事项目录编制指引（试行）", date(2022, 8, 4)),
    ("宁政办函〔2022〕25号", "12345政务服务便民热线受理全区企业投诉工作方案", date(2022, 8, 5)),
]


def test_seed_has_exactly_the_five_documents(seed_parsed):
    got = [(d.doc_number, d.title, d.date) for d in seed_parsed.documents]
    assert got == SEED_DOCS


def test_seed_document_metadata(seed_parsed):
    d41 = seed_parsed.documents[0]
    assert d41.issuers == ("中共宁夏回族自治区委员会办公厅", "宁夏回族自治区人民政府办公厅")
    assert d41.notice_title.startswith("自治区党委办公厅人民政府办公厅关于印发《宁夏农村人居环境")
    assert all(d.published_note == "此件公开发布" for d in seed_parsed.documents)


@pytest.mark.parametrize("doc_number, kind, expires, status", [
    ("宁党办〔2022〕41号", "plan", date(2025, 12, 31), "ended"),
    ("宁党厅字〔2022〕28号", "campaign", date(2022, 11, 30), "ended"),
    ("宁政办发〔2022〕49号", "term", date(2025, 8, 3), "expired"),
    ("宁政办发〔2022〕51号", "from_issue", None, "in_force"),
    ("宁政办函〔2022〕25号", "none", None, "in_force"),
])
def test_validity(seed_parsed, doc_number, kind, expires, status):
    doc = next(d for d in seed_parsed.documents if d.doc_number == doc_number)
    assert (doc.validity.kind, doc.validity.expires, doc.validity.status(TODAY)) == (kind, expires, status)


def test_validity_status_is_computed_not_stored(seed_parsed):
    d49 = next(d for d in seed_parsed.documents if d.doc_number == "宁政办发〔2022〕49号")
    assert d49.validity.status(date(2024, 1, 1)) == "in_force"
    assert d49.validity.status(date(2025, 8, 4)) == "expired"


def test_no_cover_or_table_of_contents_in_sections(seed_parsed):
    text = "\n".join(s.text for s in seed_parsed.sections)
    for masthead in ("编辑委员会", "发布政令 宣传政策", "国际标准连续出版物号", "目 录"):
        assert masthead not in text


def test_every_section_is_its_verbatim_source_span(seed_parsed):
    for s in seed_parsed.sections:
        assert norm_compare(s.text) == norm_compare(seed_parsed.text[s.start:s.end]), s.path
        assert s.source == "nx-gazette-2022-15.txt"


def test_a_notice_opens_with_its_title_and_doc_number(seed_parsed):
    """A 文号 asked can be quoted; ranking leaves the two lines out (the title is every chunk's context)."""
    from assistant.chunk import chunk_all

    notices = {s.doc_id: s for s in seed_parsed.sections if s.path == "印发通知"}
    assert set(notices) == {d for d, _, _ in SEED_DOCS}
    for doc_number, s in notices.items():
        head, _, rest = s.text.partition(doc_number)
        assert "通知" in head and rest.lstrip().startswith("各市、县"), doc_number
    docs = {d.doc_id: d for d in seed_parsed.documents}
    chunks = chunk_all(seed_parsed.sections, docs, {seed_parsed.source: seed_parsed.text})
    notice = next(c for c in chunks if c.section == "印发通知" and c.doc_number == "宁政办发〔2022〕49号")
    assert "宁政办发〔2022〕49号" in notice.text and "印发关于推进" in notice.text
    assert notice.ranked_text().startswith("各市、县（区）人民政府") and "宁政办发〔2022〕49号" not in notice.embed_text()


def test_sections_do_not_overlap(seed_parsed):
    spans = sorted((s.start, s.end) for s in seed_parsed.sections)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:]))


def test_section_paths_of_known_clauses(seed_parsed):
    """Each dev quote lies in a section whose path is the one the Q&A names (≥ 95%)."""
    ok = total = 0
    for line in (SHARED / "evals" / "dev.jsonl").read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        if not item["doc"]:
            continue
        want = {p.replace("引言", "序言") for p in item["section"].split("；")}
        for quote in item["quotes"]:
            total += 1
            ok += any(s.path in want for s in seed_parsed.sections if norm_compare(quote) in norm_compare(s.text))
    assert total >= 40 and ok / total >= 0.95, (ok, total)


@pytest.mark.parametrize("path, starts", [
    ("三、投诉受理范围—主要受理范围（六）", "（六）受理对机关、事业单位和大型企业"),
    ("三、投诉受理范围—不予受理的范围（四）", "（四）投诉人与其他经济组织或者个人之间"),
    ("二、重点任务（十三）", "（十三）深入开展灾害防御领域专项整治行动。针对"),   # heading split over a page break
    ("三、编制程序（三）", "(三) 重大行政决策事项目录应当经决策机关常务会议"),
    ("一、完善内外贸一体化制度（一）", "（一）加强贸易规则对接。加强国际合作交"),
    ("二、事项范围（二）2.（2）", "(2) 制定本地区发展规划确定的重要区域规划；"),
    ("文末", "本措施自发布之日起施行，有效期3年。"),
])
def test_section_tree(seed_parsed, path, starts):
    texts = [s.text for s in seed_parsed.sections if s.path == path]
    assert any(t.startswith(starts) for t in texts), texts


def test_lead_sentence_is_the_heading(seed_parsed):
    s = next(s for s in seed_parsed.sections if s.path == "四、投诉办理程序（二）")
    assert s.heading == "转办"


def test_page_break_inside_annotation_is_repaired(seed_parsed):
    s = next(s for s in seed_parsed.sections
             if s.doc_id == "宁政办发〔2022〕49号" and s.path == "四、优化内外贸融合发展环境（十二）")
    assert "〔责任单位：自治区教育厅" in s.text
    assert s.departments.lead == ("自治区教育厅", "人力资源社会保障厅")


@pytest.mark.parametrize("text, lead, coop, impl", [
    ("〔自治区生态环境厅牵头，发展改革委、财政厅等按职责分工负责，各市、县（区）落实〕",
     ("自治区生态环境厅",), ("发展改革委", "财政厅"), ("各市、县（区）",)),
    ("[自治区党委宣传部，农业农村厅、乡村振兴局牵头，文化和旅游厅等按职责分工负责，各市、县（区）落实]",
     ("自治区党委宣传部", "农业农村厅", "乡村振兴局"), ("文化和旅游厅",), ("各市、县（区）",)),
    ("[牵头单位：自治区应急厅、国家矿山安全监察局宁夏局,落实单位:各产煤市县(区)、宁东能源化工基地管委会]",
     ("自治区应急厅", "国家矿山安全监察局宁夏局"), (), ("各产煤市县(区)", "宁东能源化工基地管委会")),
    ("[牵头单位：各产煤市县(区),配合单位:自治区自然资源厅、公安厅等]",
     ("各产煤市县(区)",), ("自治区自然资源厅", "公安厅"), ()),
    ("没有任何标注的句子。", (), (), ()),
])
def test_departments(text, lead, coop, impl):
    d = parse_departments(text)
    assert (d.lead, d.cooperating, d.implementing) == (lead, coop, impl)


@pytest.mark.parametrize("line, level, label", [
    ("一、指导思想", 4, "一、"),
    ("（一）加强贸易规则对接。", 5, "（一）"),
    ("(一) 深入开展煤矿领域", 5, "（一）"),
    ("(十三) 加强组织领导。", 5, "（十三）"),
    ("1. 全力推进", 6, "1."),
    ("2．强化", 6, "2."),
    ("(1) 制定本地区", 7, "（1）"),
    ("（2）制定", 7, "（2）"),
    ("第十五条 市热线", 3, "第十五条"),
    ("第三章 受理", 1, "第三章"),
])
def test_numbering_markers(line, level, label):
    m = marker_of(line)
    assert (m.level, m.label) == (level, label)


@pytest.mark.parametrize("line", ["2022年7月1日", "12345 政务服务", "1.5倍以上", "一是通过电子邮件", "第十五条之一"])
def test_not_numbering(line):
    assert marker_of(line) is None


def test_unseen_texts_parse_into_documents_and_sections():
    files = sorted((SHARED / "corpus-extra").glob("*.txt"))
    assert len(files) == 284
    articles = 0
    for f in files:
        pf = parse_file(f)
        assert len(pf.documents) == 1, f.name
        assert pf.sections, f.name
        for s in pf.sections:
            assert norm_compare(s.text) == norm_compare(pf.text[s.start:s.end]), (f.name, s.path)
        articles += sum("条" in s.path for s in pf.sections)
    assert articles > 5000       # laws are split into their 第X条


def test_law_articles_nest_under_chapters():
    pf = parse_file(SHARED / "corpus-extra" / "lawref-shandong-0006.txt")
    assert pf.documents[0].title == "济南市12345市民服务热线条例"
    assert pf.documents[0].date == date(2018, 6, 28)
    paths = [s.path for s in pf.sections]
    assert "第一条" in paths or any(p.endswith("第一条") for p in paths)


def test_bad_files_are_reported_by_name(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 10)
    for name in ("empty.txt", "binary.txt"):
        with pytest.raises(SourceError, match=name):
            parse_file(tmp_path / name)


@pytest.mark.parametrize("encoding, newline", [("gb18030", "\n"), ("utf-8-sig", "\n"), ("utf-8", "\r\n")])
def test_encodings_and_line_ends(tmp_path, encoding, newline):
    text = "关于测试的通知\n宁政办发〔2022〕99号\n一、总体要求\n（一）第一条要求。内容。\n本通知自印发之日起施行。\n"
    path = tmp_path / "t.txt"
    path.write_bytes(text.replace("\n", newline).encode(encoding))
    pf = parse_file(path)
    assert pf.documents[0].doc_number == "宁政办发〔2022〕99号"
    assert [s.path for s in pf.sections] == ["一、总体要求", "一、总体要求（一）", "文末"]
    for s in pf.sections:
        assert norm_compare(s.text) == norm_compare(pf.text[s.start:s.end])


def test_duplicated_document_is_kept_once():
    doc = "关于测试的通知\n\n宁政办发〔2022〕99号\n\n一、总体要求\n\n（一）内容。\n\n"
    pf = parse_text(doc + doc, "dup.txt")
    assert [d.doc_number for d in pf.documents] == ["宁政办发〔2022〕99号"]
    assert any("appears twice" in w for w in pf.warnings)
