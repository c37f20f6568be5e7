"""Responsibility annotations in a section's text → Departments(lead, cooperating, implementing).

Three shapes occur in Ningxia documents:

    〔自治区生态环境厅牵头，发展改革委、财政厅等按职责分工负责，各市、县（区）落实〕
        → lead=(自治区生态环境厅,), cooperating=(发展改革委, 财政厅), implementing=(各市、县（区）,)
    [牵头单位：自治区应急厅，落实单位：各市县（区）]   (also 配合单位 / 协同单位)
    [责任单位：自治区教育厅、人力资源社会保障厅按职责分工负责]  → both are lead (responsible)
"""
from __future__ import annotations

import re

from ..types import Departments

ANNOTATION = re.compile(r"[〔\[［【]([^〔〕\[\]［］【】]{2,400}?)[〕\]］】]")
_KEYED = re.compile(r"(牵头单位|责任单位|配合单位|协同单位|参与单位|落实单位|实施单位)\s*[：:]")
_ROLE_OF_KEY = {"牵头单位": "lead", "责任单位": "lead", "配合单位": "cooperating", "协同单位": "cooperating",
                "参与单位": "cooperating", "落实单位": "implementing", "实施单位": "implementing"}
# "各市、县（区）" names one group of implementers: protect its 、 from the unit split
_GROUPS = re.compile(r"各?市\s*、?\s*县\s*[（(]\s*(?:市\s*、\s*)?区\s*[）)]")
_TAIL = re.compile(r"(按职责分工负责|按职责负责|分工负责|负责|配合|牵头|落实|等)+$")


def _units(text: str) -> tuple[str, ...]:
    groups: list[str] = []

    def protect(m: re.Match[str]) -> str:
        groups.append(m.group(0))
        return f"\x00{len(groups) - 1}\x00"

    text = _GROUPS.sub(protect, text)
    out = []
    for part in re.split(r"[、，,；;]", text):
        part = _TAIL.sub("", part.strip()).strip()
        part = re.sub(r"\x00(\d+)\x00", lambda m: groups[int(m.group(1))], part)
        if part and part not in out:
            out.append(part)
    return tuple(out)


def _keyed(body: str) -> Departments:
    roles: dict[str, list[str]] = {"lead": [], "cooperating": [], "implementing": []}
    keys = list(_KEYED.finditer(body))
    for i, m in enumerate(keys):
        end = keys[i + 1].start() if i + 1 < len(keys) else len(body)
        roles[_ROLE_OF_KEY[m.group(1)]].extend(_units(body[m.end():end]))
    return Departments(tuple(roles["lead"]), tuple(roles["cooperating"]), tuple(roles["implementing"]))


def _free(body: str) -> Departments:
    """Clauses end in 牵头 / 负责 / 落实; a clause without one (a comma inside a list) joins the next."""
    roles: dict[str, list[str]] = {"lead": [], "cooperating": [], "implementing": []}
    pending = ""
    for clause in re.split(r"[，,；;]", _GROUPS.sub(lambda m: m.group(0).replace("、", "\x01"), body)):
        clause = pending + clause.replace("\x01", "、").strip()
        if clause.endswith("牵头"):
            role = "lead"
        elif clause.endswith("落实"):
            role = "implementing"
        elif re.search(r"(负责|配合)$", clause):
            role = "cooperating" if roles["lead"] else "lead"
        else:
            pending = clause + "、"
            continue
        pending = ""
        roles[role].extend(_units(clause))
    return Departments(tuple(roles["lead"]), tuple(roles["cooperating"]), tuple(roles["implementing"]))


def parse_departments(text: str) -> Departments:
    """All responsibility annotations in `text`, merged in order of appearance."""
    lead: list[str] = []
    coop: list[str] = []
    impl: list[str] = []
    for m in ANNOTATION.finditer(text.replace("\n", "")):
        body = m.group(1)
        if not re.search(r"牵头|负责|落实|单位", body):
            continue
        d = _keyed(body) if _KEYED.search(body) else _free(body)
        for target, units in ((lead, d.lead), (coop, d.cooperating), (impl, d.implementing)):
            target.extend(u for u in units if u not in target)
    return Departments(tuple(lead), tuple(coop), tuple(impl))
