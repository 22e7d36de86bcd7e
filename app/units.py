"""Which stored units a question names.

Unit aliases are learned from the names of the stored documents (not from a list of the
sample's units): "昌吉州市监局" matches 昌吉回族自治州市场监督管理局 because the place part
"昌吉回族自治州" yields 昌吉州/昌吉 and the function part "市场监督管理局" yields 市监局/市场监管局.
"""

from __future__ import annotations

import re

from core.schemas import UnitMention

_PROVINCES = ["北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海", "台湾", "内蒙古", "广西", "西藏", "宁夏", "新疆"]
_ADMIN_PIECE = re.compile(
    r"(.+?(?:维吾尔自治区|壮族自治区|回族自治区|自治区|省|回族自治州|藏族自治州|蒙古自治州|自治州|自治县|地区|盟|市|州|区|县|旗))"
)
_FUNCTION_ABBR = {
    "市场监督管理局": ["市场监管局", "市监局", "市场局", "市场监管", "市监", "市场监督管理"],
    "规划和自然资源局": ["规划资源局", "规划和资源局", "规资局", "规划局", "自然资源局", "规划资源", "规土局"],
    "商务委员会": ["商务委", "商委", "商务"],
    "财政局": ["财政"],
    "教育局": ["教育"],
    "卫生健康委员会": ["卫健委", "卫生健康委"],
    "发展和改革委员会": ["发改委"],
    "人力资源和社会保障局": ["人社局"],
    "生态环境局": ["环保局", "生态环境"],
    "住房和城乡建设管理委员会": ["住建委", "建管委"],
    "住房和城乡建设局": ["住建局"],
    "公安局": ["公安"],
}
_SUFFIX = re.compile(r"(?:维吾尔自治区|回族自治州|藏族自治州|蒙古自治州|自治州|自治区|省|市|州|区|县|旗|地区)$")
def place_variants(place: str) -> set[str]:
    """"昌吉回族自治州" → {昌吉回族自治州, 昌吉州, 昌吉}; "上海市普陀区" → {…, 普陀区, 普陀}."""
    out = {place} if place else set()
    pieces = _ADMIN_PIECE.findall(place)
    if "".join(pieces) != place:
        rest = place[len("".join(pieces)):]
        pieces = pieces + [rest] if rest else pieces
    for p in list(pieces):
        for prov in _PROVINCES:
            if p.startswith(prov) and len(p) > len(prov) + 1:
                pieces = [prov, p[len(prov):]] + [x for x in pieces if x != p]
                break
    last = pieces[-1] if pieces else place
    for candidate in {place, last, *pieces[-2:]}:
        if not candidate:
            continue
        out.add(candidate)
        stem = _SUFFIX.sub("", candidate)
        if len(stem) >= 2:
            out.add(stem)
            if re.search(r"(?:自治州|州)$", candidate):
                out.add(stem + "州")
    if len(pieces) >= 2:
        out.add(_SUFFIX.sub("", pieces[-2]) + last)
    return {v for v in out if len(v) >= 2}


def split_unit(name: str) -> tuple[str, str]:
    """Split a unit name into its place and its function ("大同市" + "市场监督管理局")."""
    for func in sorted(_FUNCTION_ABBR, key=len, reverse=True):
        if name.endswith(func):
            return name[: -len(func)], func
    m = re.match(r"^(.*(?:省|自治区|自治州|市|州|区|县|旗))(.+)$", name)
    if m and len(m.group(2)) >= 2:
        return m.group(1), m.group(2)
    return "", name


def unit_aliases(name: str) -> tuple[set[str], set[str]]:
    """(full aliases that name this unit, place-only aliases)."""
    place, func = split_unit(name)
    funcs = {func, *(_FUNCTION_ABBR.get(func, []))}
    places = place_variants(place)
    full = {name} | {p + f for p in places for f in funcs} | ({func} if not place else set())
    return {a for a in full if len(a) >= 3}, places


def match_units(question: str, units: list[str]) -> tuple[list[str], str | None]:
    """Stored units the question names, and the matched phrase (longest match wins)."""
    q = question.replace(" ", "")
    best_len, best_units, phrase = 0, [], None
    for unit in units:
        full, places = unit_aliases(unit)
        for alias in full:
            if alias in q and len(alias) >= best_len:
                if len(alias) > best_len:
                    best_units = []
                best_len, phrase = len(alias), alias
                best_units.append(unit)
    if best_units:
        return sorted(set(best_units)), phrase
    # a place alone ("昌吉的三公经费") narrows to the units of that place
    for unit in units:
        for alias in unit_aliases(unit)[1]:
            if alias in q and len(alias) >= 2 and len(alias) >= best_len:
                if len(alias) > best_len:
                    best_units = []
                best_len, phrase = len(alias), alias
                best_units.append(unit)
    return sorted(set(best_units)), phrase


def mentions(question: str, units: list[str]) -> list[UnitMention]:
    """Distinct units named in the question, in order; one mention may fit several stored names
    (one unit printed two ways)."""
    q = question.replace(" ", "")
    found: list[tuple[int, str, str]] = []
    for unit in units:
        hits = [(q.find(a), a) for a in unit_aliases(unit)[0] if a in q]
        if hits:
            pos, alias = min(hits, key=lambda h: (h[0], -len(h[1])))
            found.append((pos, alias, unit))
    groups: dict[int, UnitMention] = {}
    for pos, alias, unit in sorted(found):
        near = next((p for p in groups if abs(p - pos) < 3), None)
        if near is None:
            groups[pos] = UnitMention(phrase=alias, start=pos, units=[unit])
        else:
            groups[near].units.append(unit)
    return [groups[p] for p in sorted(groups)]
