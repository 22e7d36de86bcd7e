"""Document identity read from the text: unit, fiscal year, type, scope (部门/单位) and parts.

Nothing here knows the sample archive. The title of a disclosure is built the same way across
regions: ``[year] unit [(本级)/(汇总)] [year] [区级] [部门/单位] 决算|预算|…绩效目标表|…自评报告``, often
broken over two or three lines. The unit is the title's unit (the longest well-formed one when
several title lines name it); else a labelled field (预算主管部门：…, 部门名称：…, 填报单位：…); else
the name under 第一部分 …概况, or the name that recurs most. The year and type come from the title
when it has them; the scope from 本级 / 单位预算 / 部门决算 in the title, else in the first pages.
"""

from __future__ import annotations

import re
from collections import Counter

from core.schemas import DocMeta, DocPart, DocType, Scope, Span
from core.vocabulary import PLACE_PIECE
from index.layout import Layout
from index.normalise import NormDoc

# what an organisation's name ends with (a bracketed second name may follow)
_ORG_SUFFIX = (
    r"(?:局|委员会|委|办公室|办公厅|办|机关|中心|院|厅|部|所|站|队|馆|校|学|学院|园|协会|联合会|总工会|工会|联|会|团|政府|政协|"
    r"街道办事处|办事处|管理处|处|监狱|公司|集团|室|组|社|台|场|署|司|科|庭|股|分局|宫|厂|库|站|"
    r"镇|乡|街道|苏木|社区|校区|院区|分校|分院)"
)
_UNIT_NAME = re.compile(rf"^[\u4e00-\u9fff()（）“”\"]{{2,60}}?{_ORG_SUFFIX}(?:[(（][^()（）]{{2,20}}[)）])?$")
_UNIT = rf"[\u4e00-\u9fff()（）]{{2,40}}?{_ORG_SUFFIX}"
_UNIT_LONGEST = rf"[\u4e00-\u9fff()（）]{{2,40}}{_ORG_SUFFIX}"
_LABELLED = re.compile(
    rf"(?:部门名称|单位名称|预算主管部门|预算单位|编制部门|编制单位|填报单位(?:[(（]盖章[)）])?|"
    rf"部门[(（]单位[)）]名称|主管部门|实施单位(?:[(（]盖章[)）])?|(?:评价|自评|申报)单位(?:[(（](?:公章|盖章)[)）])?|"
    rf"(?:^|(?<=[\n|｜\t]))单位(?=[:：]))"  # (a table's header cell "单位：某幼儿园 | 2024年度 | 金额单位：万元")
    rf"[:：\s\t|]*\**\s*(?:\d{{3,9}}\s*[-－_]?\s*)?({_UNIT_LONGEST})"  # (after its budget code: "主管部门 219-某镇人民政府")
)
# a name after its budget code, heading a table ("328001某县人民法院 | 预算年度: 2024 | 单位:万元")
_CODED = re.compile(rf"(?:^|\n)\s*\d{{3,9}}\s*[-－_]?\s*({_UNIT_LONGEST})(?=\s*[|｜\t]|\s{{2,}}|\s*$)", re.M)
_NEXT_LABEL = re.compile(r"实施单位|主管部门|项目名称|单位名称|预算单位|编制单位|填报单位")
# a qualifier printed after a unit's name in a heading (某局(本级)概况)
_QUALIFIED = r"(?:[(（](?:本级|汇总级?|部门汇总|合并|本部|含下属单位)[)）])?"
_PROFILE = re.compile(rf"第一部分\s*[:：]?\s*({_UNIT}){_QUALIFIED}\s*(?:部门[(（]单位[)）]|单位|部门)?\s*概况")
# a contents line that names the unit before its year and the document (第二部分 某局2024年部门预算表, 附件：某医院2025年
# 预算公开报表)
_PART_OF = re.compile(rf"(?:第[一二三四五六七八九十]+部分|附件\d*|[一二三四五六七八九十]+、|详见)\s*[:：]?\s*(?:20\d\d年度?)?"
                      rf"({_UNIT}){_QUALIFIED}\s*(?:20\d\d\s*年?度?\s*(?:部门|单位)?|(?:部门|单位))(?:预算|决算)")
# a sentence that begins with the unit: what it is (某法院是国家审判机关), or its year's money (某局2016年度“三公”经费…,
# 某院财政拨款“三公”经费…); and the notice's opening (现将某镇2020年度“三公”经费决算情况公布如下)
_INTRODUCED = re.compile(rf"(?:^|[\n。；])\s*(?:[一二三四五六七八九十\d]+[、.．]\s*)?({_UNIT_LONGEST})"
                         rf"(?:是|为|系|作为|主要职责|的主要职责|(?:的)?基本职能|(?:的)?主要职能|属(?:于)?(?:行政|事业|参公)|"
                         rf"20\d\d年度?(?:一般公共预算|财政拨款)?(?:“三公”|三公|部门|单位|收入|支出)|"
                         rf"财政拨款|一般公共预算|“三公”)|"
                         rf"现将({_UNIT_LONGEST})(?:20\d\d年|本级)|"
                         rf"综合预算的原则[，,]\s*({_UNIT_LONGEST}){_QUALIFIED}所有收入|"
                         # its own mandate, after a clause or a heading glued to it ("…规定》，某办事处主要履行以下职责",
                         # "一、主要职责某检察院（本级）的主要职责是"), its founding ("某医院始建于1934年"), the title of its
                         # 三定 regulation (《某办事处职能配置、内设机构和人员编制规定》)
                         rf"(?:^|[\n。；，,]|主要职责|部门职责|主要职能|基本职能|职能简介)\s*({_UNIT_LONGEST}){_QUALIFIED}"
                         rf"(?:的)?(?:主要履行|主要职责是|始建于|成立于|创建于|组建于)|"
                         # what it holds or where it is ("某幼儿园内设行政办公室…", "某乡人民政府下属二级预算单位0个",
                         # "某卫生院位于某路16号"), or what it carries out ("某局贯彻落实党中央关于…")
                         rf"(?:^|[\n。；])\s*({_UNIT_LONGEST}){_QUALIFIED}(?:内设|下设|下属|设有|位于|坐落于|贯彻落实|贯彻执行)|"
                         rf"《({_UNIT_LONGEST})(?:主要)?职能配置、内设机构和人员编制(?:规定|方案)》|"
                         # the note under an empty table ("说明：冀村镇人民政府没有使用国有资本经营预算安排支出，故本表无数据")
                         rf"说明[:：]\s*({_UNIT_LONGEST}){_QUALIFIED}(?:20\d\d年度?)?(?:没有|无|未)(?:使用|发生|安排|收支|涉及)")
# the publisher a web page prints above the text ("来源：某县台创园", "发布机构：某局", "欢迎来到某县政协网站"): the unit
# when nothing else names one
_PUBLISHER = re.compile(rf"(?:来源|信息来源|发布机构|发布单位)[:：|\s]*({_UNIT_LONGEST})(?=[\s|\d]|$)|"
                        rf"欢迎(?:您)?(?:来到|访问|登录|进入)({_UNIT_LONGEST})(?:门户|官方)?(?:网站|网|官网)", re.M)
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)\s*年?度?")
# the kind of document a title line announces; a table's own title (…决算表) is not a document title
_KIND = re.compile(r"决算(?!表)|预算(?!表)|整体支出绩效|项目支出绩效|绩效(?:目标|自评|评价)|公开(?:文档|文件)$|"
                   r"[“\"]?三公[”\"]?经费.{0,12}?(?:说明|情况|公开)")  # (a statement of the 三公 money alone)
# the funds and columns whose names hold 预算 (2017年度一般公共预算财政拨款): no kind of document
_FUND_WORDS = re.compile(r"一般公共预算|政府性基金预算|国有资本经营预算|年初预算")
# what a notice or a reply says before the unit it is about (关于公布…, 某财政局关于…)
_ABOUT = re.compile(r"^.*?关于(?:公布|公开|印发|下达|批复)?")
# where the subject of a title begins after its unit (某局2022年“三公”经费预算情况, 某会关于财政拨款“三公”经费…的说明)
_SUBJECT_START = re.compile(r"20\d\d|关于|[“\"]|一般公共|财政拨款|政府性基金|国有资本|部门|单位|整体|项目")
# (a numbered heading, or a form's labelled line: 项目名称 …, 主管部门 … 实施单位 …, 项目资金（万元） 年初预算数 …)
_NOT_TITLE = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|\d+[.、．]|[(（][一二三四五六七八九十\d]+[)）]|第?[一二三四五六七八九十]*部分|"
                        r"项目名称|主管部门|实施单位|项目资金|预算单位|单位名称|填报单位|编制单位)")
_NOISE = re.compile(r"^(?:【[^】]*】|附件\s*\d*[:：]?|目\s*录|关于|公开时间.*|批复时间.*)+")
# an organisation's prefix printed on its own line above the place (中国人民政治协商会议 / 广西壮族自治区委员会…)
_LEVEL_END = "[省市区县州旗盟镇乡]"
_ORG_PREFIX = re.compile(r"^(?:中国人民政治协商会议|中国共产党|中国共产主义青年团|中共|政协|共青团)$")
_QUALIFIER = re.compile(r"[(（](?:本级|汇总级?|部门汇总|合并|本部|部门|单位|含下属单位)[)）]|本级|汇总级?|"
                        r"(?<=[局委办部院厅])机关$")  # (某局机关: its own office, the 本级)
_TAIL = re.compile(r"(?:20\d\d\s*年?度?|[(（]20\d\d年?度?[)）]|区级|市级|县级|省级|州级|乡级|镇级|自治区级|部门[(（]单位[)）]|"
                   r"部门|单位|关于|系统|(?:部门|单位)?(?:整体|项目)支出|[\s　]+)+$")


def detect(layout: Layout) -> DocMeta:
    """Unit, fiscal year, type, scope and parts of a document, from its text."""
    doc = layout.doc
    text = doc.text
    lines = _head_lines(text)
    title = _title(lines)
    head = "".join(lines)
    labelled = _unit(text, head)
    labelled = official(labelled)
    unit = official(title[0]) if title else labelled
    if unit and labelled and (_placed(labelled, unit) or labelled.endswith(unit) and not _PLACED_START.match(unit)
                                  and _PLACED_START.match(labelled)):
        unit = labelled  # the title left out the place the contents print, or printed only the kind (组织部)
    elif unit and labelled and re.fullmatch(rf"[\u4e00-\u9fff]*{re.escape(unit)}(?:办事处|人民政府)", labelled):
        unit = labelled  # a cover's short name (萍浦街道) that the tables' 编制单位 writes out (…萍浦街道办事处)
    if unit and title and (fuller := _fuller(unit, text)):
        unit = fuller  # the title printed a short form the text writes out (市民宗委, 柳南区洛满镇人民政府)
    if unit is None and (named := _title([_file_title(doc.raw.source)])):
        unit = official(named[0])  # the text names no unit: the file's name may (寿县司法局2022年三公经费预算.pdf)
    unit = unit or official(_published(text))
    window = title[1] if title else _kind_line(lines)
    doc_type = _doc_type(window, head, text)
    year = _first_year(window) or _year(text, head) or _year_published(head, doc_type)
    names = [labelled] if labelled and unit and labelled != unit and labelled not in unit \
        and _other_name_of(labelled, unit) else []
    if title and title[0] != unit:  # the name as the title prints it (西塞山区残联), kept beside the official one
        names.append(title[0])
    if unit and (county := _county_of_town(unit, text)):
        names.append(county + unit)
    return DocMeta(unit=unit, year=year, doc_type=doc_type, scope=_scope(title[1] if title else "", head), names=names,
                   parts=_parts(doc, doc_type))


def _file_title(source: str) -> str:
    """A file's name read as a title: its stem, with separators as spaces taken out."""
    return re.sub(r"[\s_\-—.]+", "", re.sub(r"\.[A-Za-z0-9]{2,5}$", "", source))


# titles that start a part of a different kind inside one file, after the unit and year they may name
# ("2025年度部门整体支出绩效自评报告", "某街道办事处2026年部门整体支出绩效目标表")
# (not after an ordinal: "第五部分 2026年项目支出绩效目标表", "（二）2025年度…自评报告" are sections of the document, or
# its contents; not a sentence: "本委2025年度…自评报告已于2026年6月公开。"; the title ends the line, a bracketed year
# after it at most)
_PART_LEAD = (r"^\**\s*(?![一二三四五六七八九十\d]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|第[一二三四五六七八九十\d]+[部分章节篇]"
              r"|本|我|该|其|经|据|按)(?:附件\s*\d{0,2}\s*[:：]?\s*)?"
              r"(?:(?:[\u4e00-\u9fff()（）]{2,30}?)?(?P<year>20\d\d)年度?)?")
_PART_END = r"(?:[(（][^()（）]{0,20}[)）])?\s*$"
_PART_TITLES = [
    (DocType.performance_self_eval, re.compile(_PART_LEAD + r"(?:(?:部门|单位|项目)?(?:\(单位\))?(?:整体)?(?:项目)?(?:支出)?"
                                               r"绩效自评(?:价)?(?:表|报告)|自评表)" + _PART_END)),
    (DocType.performance_target, re.compile(_PART_LEAD + r"(?:部门|单位)?(?:\(单位\))?(?:整体|项目)?支出绩效目标(?:申报)?表"
                                            + _PART_END)),
]


# a web page's table of the document's facts that gives its title as a field ("名称: | 某局2021年度部门决算情况说明 |")
_TITLE_FIELD = re.compile(r"(?:^|\|)\s*(?:名\s*称|标\s*题|文件名称|信息名称)\s*[:：]?\s*\|?\s*([^|]{6,80}?)\s*(?:\||$)")


def _head_lines(text: str, count: int = 40) -> list[str]:
    out = []
    for ln in text.split("\n"):
        if (field := _TITLE_FIELD.search(ln)) is not None:
            out.append(re.sub(r"\s+", "", field.group(1)))
        t = re.sub(r"\s+", "", ln.strip().strip("*"))
        if t and t != "\f":
            out.append(t)
        if len(out) >= count:
            break
    return out


def _title_like(line: str) -> bool:
    """A short line that can be part of a document title (no sentence, no label, no contents entry)."""
    return len(line) <= 64 and "。" not in line and "：" not in line and ":" not in line and not _NOT_TITLE.match(line) \
        and not re.search(r"\d\s*(?:万元|元)|[；;]", line)  # (a wrapped sentence's piece: "…法庭预算420.00万元；")


def _clean(name: str) -> str:
    name = re.sub(r"^\d{3,9}\s*[-－_]\s*", "", _NOISE.sub("", name))  # (its budget code first: "411001-某乡人民政府")
    name = re.sub(r"^20\d\d\s*年?度?", "", name)
    previous = None
    while previous != name:
        previous = name
        name = _TAIL.sub("", _QUALIFIER.sub("", name)).strip("*“”\" ")
    return name


def _valid_unit(name: str) -> bool:
    """A unit's name: ends like an organisation, and is more than a place (上海市普陀区 is not a unit); or an
    organisation's prefix with its place, the committee left unsaid (政协益阳市赫山区, 中共某县)."""
    if re.fullmatch(rf"{_ORG_PREFIX.pattern[1:-1]}(?:{PLACE_PIECE})+", name):
        return True
    if not _UNIT_NAME.match(name):
        return False
    # a branch of a school or hospital (第三中学南校区) ends with 区 but is no place
    return bool(re.search(r"[校院]区$", name)) or not re.fullmatch(rf"(?:{PLACE_PIECE})+", name)


# a government named without 人民 (镇政府, 区政府办公室): its official name is always 人民政府
_GOVERNMENT = re.compile(rf"(?<=[\u4e00-\u9fff]{{2}})(?<!人民)(?<={_LEVEL_END})政府(?=(?:办公室|办公厅)?$)")


# the kind of a people's organisation or office printed in its everyday short form at the end of the name
_KIND_SHORT = {"残联": "残疾人联合会", "妇联": "妇女联合会", "工商联": "工商业联合会", "侨联": "归国华侨联合会",
               "文联": "文学艺术界联合会", "科协": "科学技术协会", "街办事处": "街道办事处", "街办": "街道办事处"}
_KIND_SHORT_END = re.compile(rf"(?<=[\u4e00-\u9fff]{{2}})({'|'.join(sorted(_KIND_SHORT, key=len, reverse=True))})$")


def official(name: str | None) -> str | None:
    """The official form of a unit's name as printed: a government (of a 省, 市, 区, 县, 镇, 乡…) is a 人民政府,
    so 伙牌镇政府 is 伙牌镇人民政府 and 某区政府办公室 is 某区人民政府办公室; 政府采购中心 and the like stay. A kind
    printed short at the end is written out (西塞山区残联 → 西塞山区残疾人联合会, 某街办 → 某街道办事处)."""
    if not name:
        return name
    name = _GOVERNMENT.sub("人民政府", name)
    return _KIND_SHORT_END.sub(lambda m: _KIND_SHORT[m.group(1)], name)


def _kind_in(line: str) -> re.Match | None:
    """The kind of document a line announces, a fund's or a column's name aside."""
    return _KIND.search(_FUND_WORDS.sub(lambda f: "_" * len(f.group()), line))


def _unit_before_subject(prefix: str) -> str:
    """The unit of a title's text before its kind: all of it cleaned when that is a unit's name, else the longest
    unit's name that ends where the title's subject begins (寿县司法局 of 寿县司法局2022年“三公”经费)."""
    about = _ABOUT.match(prefix)
    if about and (named := _unit_named_first(prefix[about.end():])):
        return named  # the unit a notice or a reply is about ("关于公布某镇2020年度…", "某财政局关于某局2022年…的批复")
    return _unit_named_first(prefix) or _clean(prefix)


def _unit_named_first(prefix: str) -> str | None:
    """All of ``prefix`` cleaned when it is a unit's name, else the longest unit's name ending where a subject begins."""
    cleaned = _clean(prefix)
    if _valid_unit(cleaned):
        return cleaned
    cut = [c for m in _SUBJECT_START.finditer(prefix) if _valid_unit(c := _clean(prefix[:m.start()]))]
    return max(cut, key=len) if cut else None


def _title(lines: list[str]) -> tuple[str, str] | None:
    """(unit, title text) from the title lines at the top, the longest well-formed unit when several name it."""
    found: list[tuple[str, str]] = []
    for i, raw in enumerate(lines[:25]):
        line = re.sub(r"^【[^】]*】|[《》]", "", raw)
        m = _kind_in(line)
        if not m or not _title_like(line) or re.search(r"表(?!.*绩效)", line[m.end():m.end() + 6]):
            continue
        prefix, window = line[: m.start()], line
        for j in range(i - 1, max(-1, i - 4), -1):  # a title broken over the lines above
            cleaned = _unit_before_subject(prefix)
            complete = _valid_unit(cleaned) and re.match(rf"(?:{PLACE_PIECE})|中国|中共", cleaned)
            if complete and not _ORG_PREFIX.match(lines[j]):
                break
            if not _title_like(lines[j]) or _kind_in(lines[j]):
                break
            prefix, window = lines[j] + prefix, lines[j] + window
        cleaned = _unit_before_subject(prefix)
        if _valid_unit(cleaned):
            found.append((cleaned, window))
    if not found:
        return None
    # the fullest name; among equals, the title that says 部门 or 单位
    return max(found, key=lambda f: (len(f[0]), bool(re.search(r"部门|单位|本级", f[1]))))


# a county's or district's government named in a text (金堂县人民政府主办)
# (after its province or city, a verb, or standing first: 经重庆市涪陵区人民政府, 经青山县人民政府, 主办 金堂县人民政府)
_COUNTY_GOVERNMENT = re.compile(r"(?:(?<=[省市州盟经由按据向对在从将为报请])|(?<![\u4e00-\u9fff]))(?!经|由|按|据|向|对|在|从|将|为|报|请)"
                                r"([\u4e00-\u9fff]{2,3}?(?:自治县|县|区|旗|市))人民政府")


def _county_of_town(unit: str, text: str) -> str | None:
    """The county or district of a town, township or street printed without it (官仓镇): the one whose government
    the text names most often, when it names one."""
    if not re.match(r"[\u4e00-\u9fff]{1,6}?(?:镇|乡|街道)", unit) or re.match(PLACE_PIECE, unit):
        return None
    counties = Counter(m.group(1) for m in _COUNTY_GOVERNMENT.finditer(text[:30000]))
    return counties.most_common(1)[0][0] if counties else None


def _kind_line(lines: list[str]) -> str:
    """A title that names no unit ("关于2026年部门预算编制的说明"): it still gives the year and the type."""
    for raw in lines[:6]:
        line = _NOISE.sub("", raw)
        if _title_like(line) and re.search(r"(?:预算|决算)(?:公开|编制|情况|说明|报告)", line):
            return line
    return ""


def _first_year(text: str) -> int | None:
    m = _YEAR.search(text)
    return int(m.group(1)) if m else None


_PLACED_START = re.compile(rf"(?:{PLACE_PIECE})|中国|中共")


def _placed(fuller: str, name: str) -> bool:
    """Whether ``fuller`` is ``name`` with the places it sits in before it (随县 + 长岗镇人民政府)."""
    return fuller != name and fuller.endswith(name) and bool(re.fullmatch(rf"[\u4e00-\u9fff]{{1,12}}{_LEVEL_END}", fuller[: -len(name)]))


# a short form defined after the full name ("平凉市民族宗教事务委员会（以下简称市民宗委）")
_DEFINED = re.compile(rf"({_UNIT_LONGEST})\s*[(（](?:以下)?简称[“\"]?([\u4e00-\u9fff]{{2,20}})[”\"]?[)）]")


def _fuller(unit: str, text: str) -> str | None:
    """The name the text writes out for the short one a title printed: the full name it defines a short form by (市民宗委,
    or 水务局 printed without its place: 白河市水务局（以下简称市水务局）), or the name with the places it sits in printed
    before it (at the start of a clause, 柳州市 + 柳南区洛满镇人民政府)."""
    head = text[:30000]
    for m in _DEFINED.finditer(head):
        full = _ABOUT.sub("", m.group(1))
        short = official(m.group(2))
        if (short == unit or full.endswith(unit)) and full != unit and _valid_unit(full) and _PLACED_START.match(full):
            return full  # (defined by the title's own short form, or the title printed its name without the place)
    if (written := _written_out(unit, head)) is not None:
        return written
    if (party := re.search(rf"(?:中国共产党|中共){re.escape(unit)}", head)) and not unit.startswith(("中共", "中国共产党")):
        return party.group(0)  # (广水市委组织部 in the title, 中共广水市委组织部 as the page's source)
    if _PLACED_START.match(unit) is None and not re.match(r"[\u4e00-\u9fff]{1,6}?(?:镇|乡|街道)", unit) or len(unit) > 30:
        return None  # (a town is a place of its own: 南江县 + 石滩乡人民政府)
    placed: Counter[str] = Counter()
    for m in re.finditer(re.escape(unit), head):
        for k in range(2, min(13, m.start() + 1)):
            before = head[m.start() - k:m.start()]
            if not re.fullmatch(r"[\u4e00-\u9fff]+", before) or re.match(r"[\u4e00-\u9fff]", head[m.start() - k - 1:m.start() - k]):
                continue  # (the places begin a clause: a verb or a word before them is none of the name)
            if re.fullmatch(rf"(?:{PLACE_PIECE})+", before):
                placed[before + unit] += 1
    return max(placed, key=lambda n: (placed[n], len(n))) if placed else None


# an organisation's prefix printed short, and written out (共青团某县委员会 is 中国共产主义青年团某县委员会)
_PREFIX_WRITTEN = {"共青团": "中国共产主义青年团", "中共": "中国共产党", "政协": "中国人民政治协商会议"}
# a committee's or an office's kind printed short at the end of its name (岳阳市国资委, 某县政府办)
_SHORT_KIND = {"委": "委员会", "办": "办公室"}


def _written_out(unit: str, text: str) -> str | None:
    """The name the text writes out for a short one: its organisation's prefix written out (共青团泸县委员会 →
    中国共产主义青年团泸县委员会), or its kind written out with the words it shortened (岳阳市国资委 →
    岳阳市人民政府国有资产监督管理委员会: the same place first, the short name's characters in order)."""
    for short, full in _PREFIX_WRITTEN.items():
        if unit.startswith(short) and (longer := full + unit[len(short):]) in text:
            return longer
    place = re.match(rf"(?:{PLACE_PIECE})+", unit)
    kind = _SHORT_KIND.get(unit[-1]) if not unit.endswith(tuple(_SHORT_KIND.values())) else None
    if place is None or kind is None or len(unit) - place.end() < 2:
        return None
    found = {m.group(0) for m in re.finditer(rf"{re.escape(place.group(0))}[\u4e00-\u9fff]{{2,24}}?{kind}", text)}

    def in_order(name: str) -> bool:
        chars = iter(name[place.end():])
        return all(c in chars for c in unit[place.end():-1])

    fits = [n for n in found if in_order(n) and _valid_unit(n)]
    return min(fits, key=len) if len(fits) == 1 else None


# a heading run on into the next line, not a name ("二、部门预算单位构成" + "纳入某委2026年部门预算编制范围…")
_RUN_ON = re.compile(r"构成|纳入|编[制报]范围|(?:部门|单位)(?:预算|决算)")
# the kind a name ends with (a project's 实施单位 of another kind is a member, not the unit's other name)
_KIND_END = re.compile(r"(?:中心|委员会|局|委|办|部|院|所|站|队|校|园|馆|处|社|团|庭|室|台|厅|会|政府|街道|镇|乡)$")


def _other_name_of(name: str, unit: str) -> bool:
    """Whether ``name``, printed in a labelled field, may be ``unit`` written another way: not when both end with
    a kind of unit and the kinds differ (琅汐市某社区卫生服务中心 in a 卫健委's target form is its member), unless it is
    a body of the town the unit is (a town's 文化站 has no budget of its own: the town's documents hold its money)."""
    a, b = _KIND_END.search(name), _KIND_END.search(unit)
    town = re.match(r"[\u4e00-\u9fff]{1,6}?(?:镇|乡|街道)", name)  # (a town's own station, 漪水镇综合文化站, is
    return a is None or b is None or a.group(0) == b.group(0) or bool(town and town.group(0) in unit)  # asked as it)


def _clean_unit(name: str) -> str:
    name = re.sub(r"(?<=[局委办部院厅])机关$", "", name.strip())  # (某局机关: its own office, the 本级's unit)
    name = re.sub(r"^(?:关于|第?[一二三四五六七八九十]*部分|[一二三四五六七八九十]+、|\d+、|(?:主要)?(?:包括|包含)|纳入)", "",
                  name.strip())  # (a list's verb: "二级预算单位主要包括某所", "纳入某委2024年度部门决算编报范围的")
    return name.strip("()（）")


def _unit(text: str, head: str) -> str | None:
    """The unit when no title names it: a labelled field, the 概况 heading, the name that recurs most."""
    candidates: Counter[str] = Counter()
    for m in (*_LABELLED.finditer(text.replace(" ", "")), *_CODED.finditer(text[:5000])):
        # (a form's next label is no part of the name: "主管部门 某局 实施单位 某大队")
        name = _clean_unit(_NEXT_LABEL.split(m.group(1))[0])
        if _UNIT_NAME.match(name):
            candidates[name] += 3
    for name in candidates:
        candidates[name] = min(candidates[name], 9)
    # each part heading on its own: the lines are joined, and a name must not run on into the next heading
    for part in re.split(r"(?=第[一二三四五六七八九十]+部分|附件\d)", head):
        for m in (*_PROFILE.finditer(part), *_PART_OF.finditer(part)):
            if not _RUN_ON.search(name := _clean_unit(m.group(1))):
                candidates[name] += 2
    if not candidates:
        candidates = _introduced(text)
    if not candidates:
        return None
    flat = text.replace(" ", "").replace("\n", "")

    def score(name: str) -> tuple[int, int]:
        return candidates[name] + min(flat.count(name), 20), len(name)

    best = max(candidates, key=score)
    # a longer candidate that contains the best one and recurs, or is labelled with its place, is the fuller name
    # ("填报单位：宁乡市坝塘镇人民政府" beside "主管部门坝塘镇")
    for name in candidates:
        if name != best and best in name and (flat.count(name) >= 2 or candidates[name] >= 3 and _PLACED_START.match(name)):
            best = name
    return best


def _introduced(text: str) -> Counter[str]:
    """With no label and no heading: the unit a sentence of the first pages introduces (某法院是国家审判机关)."""
    candidates: Counter[str] = Counter()
    for m in _INTRODUCED.finditer(text[:5000]):
        name = _clean_unit(_ABOUT.sub("", next(g for g in m.groups() if g)))
        placed = re.match(rf"(?:{PLACE_PIECE})|中国|中共|[\u4e00-\u9fff]{{1,6}}?(?:镇|乡|街道)", name)
        # (a name its place leaves out is its own only when it says what it holds or where it is: "蒙正幼儿园内设…";
        # a verb before a name is a sentence about another unit: "属某教育局下属的二级预算单位")
        holding = re.search(r"(?:内设|下设|下属|设有|位于|坐落于)$", m.group(0)) and len(name) >= 4
        if _valid_unit(name) and not re.match(r"属|归|由|系|隶属|受", name) and (placed or holding):
            candidates[name] += 1
    return candidates


def _published(text: str) -> str | None:
    """With nothing else to go by, not even the file's name: the publisher the page prints above the text (not a
    portal's or the finance bureau's, which publish other units' documents), else the whole area the page is about
    (not when the text speaks of itself as one unit, 本部门/我局)."""
    for m in _PUBLISHER.finditer(text[:1500]):
        name = m.group(1) or m.group(2)
        if _valid_unit(name) and not _PORTAL.search(name):
            return _clean_unit(name)
    if _SELF.search(text[:3000]):
        return None
    areas = [m for m in _AREA.finditer(text[:1500]) if re.fullmatch(r"[\u4e00-\u9fff]+", m.group("place"))]
    return areas[0].group("place") + areas[0].group("level") if areas else None


# (a town's government publishes its own documents; a county's or a city's portal publishes its departments')
_PORTAL = re.compile(r"[省市县区州旗盟]人民政府$|[省市县区州旗盟]政府$|政府办公室$|政府办公厅$|财政局$|财政厅$|门户网站$")
_SELF = re.compile(r"本部门|本单位|我局|我委|我院|我办|我部|本局|本委|本院|本办|我单位")


# a whole area's figures (a county's or a city's 三公 money for all its units, published by its finance bureau):
# "鄂城区2022年的“三公”经费决算数合计…", "2018年龙泉市部门及乡镇政府…“三公”经费决算总额", "百色市本级2024年预算"
_AREA = re.compile(rf"(?:^|(?<=[\n。；，,\s的])|(?<=\d{{4}}年)|(?<=\d{{4}}年度))(?:关于|对)?(?P<place>(?=[\u4e00-\u9fff])(?:{PLACE_PIECE}){{1,2}}?)"
                   rf"(?P<level>本级|市级|县级|区级|)(?:\d{{4}}年度?|的|部门)[^。\n]{{0,100}}?(?:“三公”|三公|预算|决算)")


# a year that is not the document's: the base of a comparison (比2017年预算), a file number's (肥财〔2015〕72号), a web
# page's time of publishing (【发布时间:2022-04-15 14:54】)
_OTHER_YEAR = re.compile(r"(?:比|较|与|同|对比)\s*$|[〔\[【]\s*$|(?:发布|发文|更新|成文|公开|生成)(?:时间|日期)\s*[:：|]?\s*$|"
                         r"[\dA-Z]{6,}\s*/\s*$")  # (a page's dates, and an index number's year: 620722028/2025-00250)


def _year(text: str, head: str) -> int | None:
    """The year the first lines name most often, a comparison's base and a file number's year aside; the year first
    named breaks a tie."""
    for where in (head, text[:30000]):
        found = [int(m.group(1)) for m in _YEAR.finditer(where) if not _OTHER_YEAR.search(where[max(0, m.start() - 8):m.start()])]
        if found:
            counts = Counter(found)
            return max(counts, key=lambda y: (counts[y], -found.index(y)))
    return None


# the date a page says it was published or written ("发布时间:2025-01-18", "成文日期: | 2024-09-29")
_PUBLISHED = re.compile(r"(?:发布时间|发布日期|成文日期|发文日期|公开时间|公开日期)[:：|\s]*(20\d\d)\s*[-年./]\s*(\d{1,2})")


def _year_published(head: str, doc_type: DocType) -> int | None:
    """The fiscal year of a document that prints none, from when it was published: a 预算 is published in the first
    months of its year, a 决算 in the year after its own."""
    m = _PUBLISHED.search(head)
    if m is None:
        return None
    year, month = int(m.group(1)), int(m.group(2))
    if doc_type == DocType.budget and month <= 6:
        return year
    if doc_type == DocType.final_accounts and month >= 4:
        return year - 1
    return None


def _doc_type(title: str, head: str, text: str) -> DocType:
    """The title's kind first (自评 before 目标 before 决算/预算); else the first lines; else what dominates."""
    for where in (title, head[:600]):
        # 整体支出绩效评价报告: the evaluation a unit makes of its own spending; in the first lines, only when no 决算 or
        # 预算 comes before it (a 决算's contents list "四、单位绩效自评情况" after "第二部分2023年度部门决算表")
        said = re.search(r"绩效.{0,8}自评|自评(?:报告|表)|支出绩效评价(?:报告|表)", where[:200])
        kind = re.search(r"决算|预算", _FUND_WORDS.sub("", where[:200])) if where is not title else None
        if said and not (kind and kind.start() < said.start() - 20):  # (not "部门预算项目支出绩效自评表": one title)
            return DocType.performance_self_eval
        if re.search(r"绩效目标(?:表|申报)", where[:200]) and not re.search(r"决算|预算(?!金额)", where[:60]):
            return DocType.performance_target
        if where is title and (m := re.search(r"决算|预算", _FUND_WORDS.sub("", where))):
            return DocType.final_accounts if m.group(0) == "决算" else DocType.budget
    first = head[:200]
    if "决算" in first:
        return DocType.final_accounts
    if "预算" in first:
        return DocType.budget
    scores = {
        DocType.final_accounts: head[:600].count("决算") * 3 + text.count("决算"),
        DocType.budget: head[:600].count("预算") * 3 + text.count("预算") - text.count("决算") - text.count("年初预算"),
    }
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] > 0 else DocType.unknown


_UNIT_SCOPE = re.compile(r"本级|单位(?:预算|决算)|(?<=[局委办部院厅])机关(?=\s*20\d\d|\s*(?:部门|单位)?(?:预算|决算))")
# a labelled unit that says it is the unit alone (单位名称：某档案馆(本级)) under a generic 部门决算 heading
_LABELLED_SELF = re.compile(r"(?:单位名称|预算单位|编制单位|填报单位)[:：]?[^\s:：]{2,40}?[(（]本级[)）]")
_DEPARTMENT_SCOPE = re.compile(r"部门[(（]?单位[)）]?(?:预算|决算)|部门(?:预算|决算)|部门汇总")


def _scope(title: str, head: str) -> Scope:
    """单位 (one unit, 本级) or 部门 (a department with its units): the title decides, else whichever the
    first pages say first; a document that says neither is a department's."""
    if _UNIT_SCOPE.search(title):
        return Scope.unit
    if _DEPARTMENT_SCOPE.search(title):
        return Scope.department
    if _LABELLED_SELF.search(head[:1500]):
        return Scope.unit
    unit, department = _UNIT_SCOPE.search(head[:1500]), _DEPARTMENT_SCOPE.search(head[:1500])
    if unit and (not department or unit.start() < department.start()):
        return Scope.unit
    return Scope.department


def _parts(doc: NormDoc, doc_type: DocType) -> list[DocPart]:
    """Label the parts of the file: the main document, then appended 自评表/目标表 sections."""
    parts = [DocPart(doc_type=doc_type, title="main", span=Span(start=0, end=len(doc.text)), page=doc.page_at(0))]
    for line in doc.lines:
        t = line.text.strip().replace(" ", "")
        if not t or len(t) > 50 or line.page_break:
            continue
        for kind, pattern in _PART_TITLES:
            if (title := pattern.search(t.strip("*"))) and not re.search(r"\d+$", t):
                again = len(parts) > 1 and parts[-1].year is not None \
                    and _bare_title(parts[-1].title) == _bare_title(t.strip("*"))
                if kind != parts[-1].doc_type or again:
                    if again:  # a document's title printed again: the first was its line in the contents
                        parts.pop()
                    parts[-1] = parts[-1].model_copy(update={"span": Span(start=parts[-1].span.start, end=line.start)})
                    raw_line = None
                    if doc.raw.kind != "pdf" and line.seg >= 0:
                        seg, rs, re_ = doc.to_raw(line.start, max(line.end, line.start + 1))
                        raw_line = doc.raw_lines(seg, rs, re_)[0]
                    parts.append(DocPart(doc_type=kind, title=t.strip("*"), span=Span(start=line.start, end=len(doc.text)),
                                         page=doc.page_at(line.start), line_start=raw_line,
                                         year=int(title.group("year")) if title.group("year") else None))
                break
    return [p for p in parts if p.span.end > p.span.start]


def _bare_title(title: str) -> str:
    """A part's title without its 附件 label and punctuation (a contents line and the title it points at)."""
    return re.sub(r"^附件(?:\d{1,2}(?!\d))?|[\s:：、.．（）()]", "", title)
