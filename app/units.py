"""Which stored units a question names, the way people name them.

People shorten an official name by keeping some of its characters, in order: 市场监督管理局 →
市监局 / 市场监管局, 人力资源和社会保障局 → 人社局, 重庆市渝中区人民政府两路口街道办事处 → 两路口街道.
So a phrase of the question names a stored unit when its characters occur in that order in one
of the unit's *written forms* and the phrase ends on the form's last character (the unit's kind:
局, 委, 办, 部, 街道, 镇…). The forms come from how official names are built, not from a list of
units: 中共/政协/共青团 + place + 委员会 is also written place + 委 / 政协 / 团委 (团区委);
人民政府 becomes 政府 or disappears after a 镇/乡 name; 委员会 → 委, 办公室 → 办, 街道办事处 →
街道办 / 街道; a name in brackets is a second name; a reorganised function keeps its former
name (环保局 for 生态环境局). One character may be a homophone (卫建委, 人设局: pinyin) when the slip makes no word
of its own (税务局 is no 水务局, 宿州 no 苏州: jieba's word list) and is no number or place level.

A typed place that the unit does not have (九龙坡区 in front of 民政局 when only 渝中区's is
stored; 成都的民政局 for 锦江区's), or even one character its name does not explain (民 + 政局), rules the unit
out, so a question is never answered with another unit's numbers; so does a number that is not the unit's whole
number (二中 is not 第二十六中学) and a parent's name for a unit named after its parent (公安局 is not its 交管局). When
several different units fit equally well the mention is ambiguous (the caller asks which, or
answers for each); names that are one unit printed two ways (昌吉回族自治州… / 昌吉州…) count as one.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from core.schemas import UnitMention
from core.vocabulary import ADMIN_LEVEL, ETHNIC, PLACE_PIECE
from index.normalise import to_simplified

_LEVEL = ADMIN_LEVEL
# a place piece; also a county named with one character (渠县, 萧县, 沛县), never a word like 本县 or 全县
_PLACE_PIECE = rf"(?:{PLACE_PIECE}|[^\s委会办局部厅党团政府室处本该全各我此每某省市区县州询查咱俺原老邻两这那哪其贵你他]县)"
_PLACE = re.compile(rf"^(?:{_PLACE_PIECE})+")
# a "place" that is a street or town with a lower unit's first character (北苑街道市…, 远觉镇市…): not a place
_ORG_PREFIX = re.compile(r"^(?:中国共产党|中共|中国人民政治协商会议|政协|中国共产主义青年团|共青团|国家税务总局)")
_NAMED_LOCAL = re.compile(r"^(?:人民政府)?[\u4e00-\u9fff]{2,}?(?:街道|镇|乡)")
_BELOW_TOWN = re.compile(r"^[\u4e00-\u9fff]+街道|^[\u4e00-\u9fff]{2,}[镇乡]")
_PARTY = re.compile(rf"^(?:中国共产党|中共)(?P<place>.+?{_LEVEL})(?:委员会|委)(?P<rest>.*)$")
_CPPCC = re.compile(rf"^(?:中国人民政治协商会议|政协)(?P<place>.+?{_LEVEL})委员会(?P<rest>.*)$")
_LEAGUE = re.compile(rf"^(?:中国共产主义青年团|共青团)(?P<place>.+?(?P<level>{_LEVEL}))委员会(?P<rest>.*)$")
# former names of reorganised functions: (current words, words people still use)
FORMER_NAMES: tuple[tuple[str, str], ...] = (
    ("生态环境", "环境保护"), ("生态环境", "环保"), ("市场监督管理", "工商行政管理"), ("市场监督管理", "质量技术监督"),
    ("市场监督管理", "食品药品监督管理"), ("卫生健康", "卫生和计划生育"), ("卫生健康", "卫计"), ("自然资源", "国土资源"),
    ("规划和自然资源", "规划和国土资源"), ("规划和自然资源", "规划土地"), ("综合行政执法", "城市管理"),
    ("应急管理", "安全生产监督管理"), ("文化和旅游", "文化广电新闻出版"), ("农业农村", "农业"),
    ("融媒体中心", "广播电视台"), ("水务", "水利"), ("人力资源和社会保障", "劳动和社会保障"),
    ("乡村振兴局", "扶贫开发办公室"), ("税务局", "国税局"), ("税务局", "地税局"), ("林业和草原", "林业"),
)
# words that name no unit on their own (a phrase made only of them is not a mention)
_GENERIC_WORDS = re.compile(r"人民政府|政府|人民|委员会|办公室|办事处|中心|局|部|处|委|办")
# what may stand before a unit's name without being part of it
_STOP = set("的年了在和与及跟同比较对向从给把是有吗呢啊吧请问查看说想要个那这里哪谁去今前本上下当全共我你告诉知")
# the kinds of unit a name ends with, longest first (a form may end with a short kind: 委, 办, 联, 协)
_KIND_WORD = re.compile(r"(?:人民检察院|检察院|人民法院|人民法庭|法院|林场|农场|苗圃|法庭|附小|附中|村委会|居委会|学院|医院|卫生院|研究院|研究所|设计院|中学|小学|学校|幼儿园|"
                        r"大队|中队|支队|总队|中心|街道|社区|政府|委员会|办公室|办事处|联合会|协会|工会|指挥部|管委会|"
                        r"[局委办部厅处科站所队馆院团会联协社园校镇乡室])$")
# a lower unit's name going on after a matched one: a few characters ending with a kind word
_NOT_A_NAME = re.compile(r"所属|下属|所有|下面|部门|单位")
_KIND_AHEAD = re.compile(rf"^(?!{_NOT_A_NAME.pattern})[\u4e00-\u9fff]{{0,10}}?" + _KIND_WORD.pattern.removesuffix("$"))
# words a kind character ends that name no unit (血站, 党校, 科协, 分局 do: they are lower units)
_KIND_ENDED_WORDS = {"干部", "全部", "内部", "外部", "局部", "东部", "西部", "南部", "北部", "中部", "各部", "本部",
                     "住所", "场所", "厕所", "各处", "到处", "好处", "难处", "用处", "益处", "各科", "各院", "各站"}
_KIND_AT = re.compile(_KIND_WORD.pattern.removesuffix("$"))


def _lower_name(rest: str) -> str | None:
    """The name of a lower unit that ``rest`` begins with: up to ten characters and a kind word (党员教育中心,
    政府办, 国库科). A kind character that begins a word with the next characters (处理, 部分, 科技, 乡村) or ends a
    two-character word (干部, 全部), or a 室 that ends a word (教室, 会议室: rooms), is a word's, not a kind's:
    "组织部干部教育培训经费" names no lower unit."""
    if _NOT_A_NAME.match(rest):
        return None
    for n in range(min(10, len(rest)) + 1):
        kind = _KIND_AT.match(rest, n)
        if kind is None:
            continue
        if kind.end() - n == 1 and (any(common_word(rest[n:n + k]) for k in (2, 3) if n + k <= len(rest))
                                    or (n == 1 and rest[:2] in _KIND_ENDED_WORDS)
                                    or kind.group(0) == "室" and any(common_word(rest[n - k:n + 1]) for k in (1, 2)
                                                                     if n >= k)):
            continue  # (a room is no unit: 智慧教室, 会议室, 实验室)
        return rest[:kind.end()]
    return None
# words between a unit and a unit below it ("北苑街道的中心", "远觉镇那个服务中心", "某局下属的站")
_BELOW = re.compile(r"^(?:的|之|里面?|下面|下属|所属|旗下|那个|这个|那家|这家|那些|这些)+")
# a filler between a place and the unit of that place ("荣昌那边仁义中学", "普陀的卫健委")
_PLACE_FILLER = re.compile(r"(?:的|那边|这边|那里|这里|那个|这个|那家|这家|\s)+$")
_PLACES_ONLY = re.compile(rf"(?:{_PLACE_PIECE})+")
# the functional classes (政府收支分类科目, 类) whose names hold a unit's kind word (社区, 社会, 科学): a row, not a unit
_CLASS_NAMES = re.compile(r"城乡社区|社会保障|科学技术|一般公共服务|文化旅游体育|灾害防治")
# where a unit's name certainly ends: not Chinese, a particle, a time word
_CUT = re.compile(r"[^\u4e00-\u9fff]|[的了吗呢啊吧和与及跟比在有是个那这哪谁我你]|今年|去年|前年|本年|上年|明年")
_CUT_INSIDE_NAME = re.compile(_CUT.pattern.replace("和", "", 1))
# function words that may stand before a unit's name ("关于海淀卫健委", "了解一下…")
_FUNCTION_WORDS = re.compile(r"^(?:关于|有关|对于|针对|根据|按照|属于|作为|包括|还有|以及|其中|另外|各个|每个|所有|哪个|这个|"
                             r"那个|一下|一个|请教|了解|咨询|查询|想问|问问|看看|显示|列出|统计|对比|比较|相比|同比|分别|"
                             r"帮我|帮忙|麻烦|能否|能不能|可以|是否|到底|究竟|一共|总共|为什么|为何|为啥|怎么|请问|问一下)")
_NUMERALS = set("一二三四五六七八九十")
# the number that tells a unit from its siblings (第二中学, 第一中级人民法院, 五中, 七幼)
_ORDINAL = re.compile(r"第[一二三四五六七八九十]+|[一二三四五六七八九十]+(?=中|小|幼|职中)")
# words before a filler that name no place (咱们的财政局, 区里的)
_PRONOUNS = re.compile(r"咱们|我们|你们|他们|大家|自己|本地|当地|区里|市里|县里|镇里|单位|部门|这里|那里|它们|"
                       r"原来|以前|过去|现在|目前|当时|当年|今年|去年")
# words that end right before a unit's name without being part of it, cut by _typed_before at a stop character
_LEAD_IN = re.compile(_FUNCTION_WORDS.pattern.removeprefix("^").removesuffix(")")
                      + r"|理解|那边|这边|年度|月份|季度|年底|年末|年初|月底|月末|知道|分析|搜索|查到|查找|展示|介绍|看到|[找搜就还也再只先]"
                      + r"|(?<=\d)[日号月])$")  # (a date's last character: "截至2020年12月31日昌吉州…")
# characters that are never a typo for a unit's character
_PARTICLES = set("的了吗呢啊吧年月日和与及或是在")
# the end of a figure's name typed before a unit (公务接待费区环保局…): not a place
_METRIC_END = re.compile(r"(?:费|支出|收入|经费|金额|资金|预算|决算|数|额|款)$")


@lru_cache(maxsize=8192)
def pinyin(ch: str, tone: bool = False) -> str:
    """The pinyin of a Chinese character, tones ignored unless asked for (the character itself otherwise)."""
    if "pypinyin" not in sys.modules:  # single characters only: skip the phrase dictionary (a second to load)
        os.environ.setdefault("PYPINYIN_NO_PHRASES", "1")
        os.environ.setdefault("PYPINYIN_NO_DICT_COPY", "1")
    from pypinyin import Style, lazy_pinyin

    if not "\u4e00" <= ch <= "\u9fff":
        return ch
    return lazy_pinyin(ch, style=Style.TONE3 if tone else Style.NORMAL)[0]


@dataclass(frozen=True)
class Form:
    """One way of writing a stored unit's name."""

    unit: str  # the stored official name
    text: str
    place_end: int  # text[:place_end] is the place (省/市/区/县 levels), the rest names the unit
    initials: frozenset[int]  # positions where a word of the unit's own name begins (abbreviations keep them)
    generic: frozenset[int]  # positions inside generic words (政府, 委员会, 办公室…)
    former: bool = False  # written with a reorganised function's former name (环保局 for 生态环境局)


def _place_end(text: str) -> int:
    """Where the place (省/市/区/县 levels) ends; a 街道/镇/乡 name is the unit itself, not its place, and no place
    lies below it: in 北苑街道市民活动中心 or 某某镇市场监管所 the 市 begins the lower unit's own name."""
    m = _PLACE.match(text)
    if m is None:
        return 0
    end = 0
    for piece in re.finditer(_PLACE_PIECE, m.group(0)):
        if _BELOW_TOWN.match(piece.group(0)):
            break
        end = piece.end()
    return end


@lru_cache(maxsize=16384)
def forms_of(name: str) -> list[Form]:
    """The written forms of an official name (see the module docstring)."""
    texts: set[str] = set()
    clean = to_simplified(re.sub(r"\s+", "", name))  # a name stored in traditional characters (an older store)
    bracket = re.match(r"^(.+?)[(（](.+?)[)）]$", clean)
    bases = [bracket.group(1), bracket.group(2)] if bracket else [clean]
    if bracket and _place_end(bases[1]) == 0 and (place := _place_end(bases[0])):
        bases.append(bases[0][:place] + bases[1])  # (a second name in brackets is of the first's place: 某区信访局)
    formers: set[str] = set()
    for base in bases:
        texts |= _shortened(base)
        for current, former in FORMER_NAMES:
            if current in base:
                formers |= _shortened(base.replace(current, former))
    return [_form(name, t, t in formers and t not in texts) for t in sorted(texts | formers) if len(t) >= 2]


def _form(unit: str, text: str, former: bool = False) -> Form:
    place = _place_end(text)
    generic = frozenset(i for m in _GENERIC_WORDS.finditer(text) for i in range(m.start(), m.end()))
    return Form(unit, text, place, frozenset(place + i for i in _word_starts(text[place:])), generic, former)


# word starts already known (computed here, or read back from the store: loading jieba takes seconds)
_WORD_STARTS: dict[str, frozenset[int]] = {}


def word_starts_text(texts: Iterable[str]) -> dict[str, str]:
    """The word starts of these texts as strings ("0,2,4"), to keep with the store."""
    return {text: ",".join(map(str, sorted(_word_starts(text)))) for text in texts}


def learn_word_starts(known: dict[str, str]) -> None:
    """Word starts computed earlier (as :func:`word_starts_text` gave them)."""
    for text, starts in known.items():
        _WORD_STARTS.setdefault(text, frozenset(int(i) for i in starts.split(",") if i))


def _word_starts(text: str) -> frozenset[int]:
    """Where the words of a name begin (search-mode segmentation: 人民检察院 → 人民, 检察, 检察院…)."""
    if text in _WORD_STARTS:
        return _WORD_STARTS[text]
    import jieba

    jieba.setLogLevel(60)
    starts: set[int] = set()
    for word, start, _end in jieba.tokenize(text, mode="search", HMM=False):
        if len(word) > 1 or start == 0:
            starts.add(start)
    _WORD_STARTS[text] = frozenset(starts)
    return _WORD_STARTS[text]


def _shortened(text: str) -> set[str]:
    out = {text}
    for pattern, build in ((_PARTY, lambda m: [m["place"] + "委" + m["rest"], m["place"] + "委员会" + m["rest"],
                                               m["place"] + "党委" + m["rest"]]),
                           # the office that files the budget of a 政协 (its 办公室 or 机关) is called by the 政协
                           (_CPPCC, lambda m: [m["place"] + "政协" + m["rest"], m["place"] + "政协委员会" + m["rest"],
                                               *([m["place"] + "政协"] if m["rest"] in ("办公室", "办公厅", "机关") else [])]),
                           (_LEAGUE, lambda m: [m["place"] + "团委" + m["rest"],
                                                m["place"] + "团" + m["level"][-1] + "委" + m["rest"]])):
        m = pattern.match(text)
        if m:
            out |= set(build(m))
    out |= _party_committee_forms(text)
    out |= _lower_unit_forms(text)
    out |= _numbered_forms(text)
    out |= _congress_forms(text)
    out |= _liaison_office_forms(text)
    if re.search(r"[\u4e00-\u9fff]{2}(?:镇|乡)$", text):
        out |= {text + "人民政府", text + "政府"}  # (a town stored by its name alone is its government: 大兴乡 is 大兴乡政府)
    for t in list(out):
        out.add(t.replace("人民政府", "政府"))
        out.add(re.sub(r"人民政府(?=[\u4e00-\u9fff]{1,8}?(?:街道|镇|乡))", "", t))
        out.add(re.sub(r"(?<=[镇乡])人民政府$", "", t))
    for t in list(out):
        for long, short in (("委员会", "委"), ("办公室", "办"), ("街道办事处", "街道办"), ("办事处", ""), ("学校", "学"),
                            ("联合会", "联"), ("协会", "协")):
            if long == "委员会" and re.search(r"政协|政治协商", t):
                continue  # a 政协 is never called 委 (县委 is the Party's)
            if t.endswith(long) and len(t) > len(long) + 1:
                out.add(t[: -len(long)] + short)
    for t in list(out):
        if t.endswith("街道办"):
            out.add(t[:-1])
    return {t for t in out if t}


# a lower unit's name after its parent's (…执法支队两路口大队, …公安局某某分局某某派出所): its own part, the parent, the kind
_LOWER_UNIT = re.compile(r"^(?P<parent>.+(?:支队|总队|大队|分局|局))(?P<own>[\u4e00-\u9fff]{2,10}?)"
                         r"(?P<kind>大队|中队|分队|派出所|所|站)$")
# a facility's managing office is named by the facility (某某公园管理处 → 某某公园)
_FACILITY_OFFICE = re.compile(r"(?<=园|区|库|场|地|山|湖)管理(?:处|所)$")


# a bureau's branch named after a place below it (…生态环境局姚安分局, 某市规划和自然资源局江北区分局)
_PLACE_BRANCH = re.compile(r"^(?P<fn>[\u4e00-\u9fff]{2,10}?)局(?P<own>[\u4e00-\u9fff]{2,6}?(?:县|区|市)?)分局$")


def _lower_unit_forms(text: str) -> set[str]:
    """How people name a unit below a unit: by its own part first, then the parent's function, then its kind
    (某区城市管理局综合行政执法支队两路口大队 → 两路口城管大队); a facility's office by the facility (陶然亭公园)."""
    out = set()
    place = text[:_place_end(text)]
    m = _LOWER_UNIT.match(text[len(place):])
    if m and not re.search(r"[局队所站]", m["own"]):
        out.add(place + m["own"] + m["parent"] + m["kind"])
    if _FACILITY_OFFICE.search(text) and len(text) > 7:
        out.add(_FACILITY_OFFICE.sub("", text))
    branch = _PLACE_BRANCH.match(text[len(place):])
    if branch:  # a city bureau's branch in a county, named by the county first (姚安生态环境分局, 姚安县生态环境局)
        out |= {branch["own"] + branch["fn"] + "分局", branch["own"] + branch["fn"] + "局"}
    return out



# a numbered school is called by its number and kind (第五中学 → 五中, 第七幼儿园 → 七幼); 初级/高级中学 → 初中/高中
# (a school or kindergarten numbered with 第 or without: 第二幼儿园, 二幼儿园 → 二幼)
_NUMBERED = re.compile(r"(?:第|(?<![一二三四五六七八九十第]))([一二三四五六七八九十]+)(中学校?|小学校?|幼儿园|初级中学|高级中学|职业中学)$")
_NUMBERED_SHORT = {"中学": "中", "中学校": "中", "小学": "小", "小学校": "小", "幼儿园": "幼", "初级中学": "初中",
                   "高级中学": "高中", "职业中学": "职中"}


def _congress_forms(text: str) -> set[str]:
    """The office of a people's congress standing committee is called by the congress (某区人大, 人大常委会)."""
    m = re.search(r"人民代表大会(?:常务委员会)?(?:办公室|办公厅|机关)?$", text)
    if m is None:
        return set()
    place = text[:m.start()]
    return {place + "人大", place + "人大常委会", place + "人大办"}


def _numbered_forms(text: str) -> set[str]:
    out = set()
    m = _NUMBERED.search(text)
    if m:
        out.add(text[:m.start()] + m.group(1) + _NUMBERED_SHORT[m.group(2)])
    m = re.search(r"(?<!第)([一二三四五六七八九十]+)中学校?$", text)  # 铁一中学 → 铁一中
    if m:
        out.add(text[:m.end(1)] + "中")
    if text.endswith(("初级中学", "高级中学")):
        out.add(text[:-4] + text[-4] + "中")
    return out


# the one-character names of provinces, used in the names of their offices elsewhere (驻沪办, 驻京办)
_PROVINCE_SHORT = {"北京": "京", "天津": "津", "上海": "沪", "重庆": "渝", "河北": "冀", "山西": "晋", "辽宁": "辽",
                   "吉林": "吉", "黑龙江": "黑", "江苏": "苏", "浙江": "浙", "安徽": "皖", "福建": "闽", "江西": "赣",
                   "山东": "鲁", "河南": "豫", "湖北": "鄂", "湖南": "湘", "广东": "粤", "海南": "琼", "四川": "川",
                   "贵州": "黔", "云南": "滇", "陕西": "陕", "甘肃": "甘", "青海": "青", "广西": "桂", "西藏": "藏",
                   "宁夏": "宁", "新疆": "新", "内蒙古": "蒙", "深圳": "深", "广州": "穗"}
_LIAISON = re.compile(rf"驻({'|'.join(_PROVINCE_SHORT)})(?:市|省)?(?:联络)?办事处$")


def _liaison_office_forms(text: str) -> set[str]:
    """An office of a government in another city is called 驻+that city's one-character name+办 (驻上海办事处 → 驻沪办)."""
    m = _LIAISON.search(text)
    return {text[:m.start()] + "驻" + _PROVINCE_SHORT[m.group(1)] + "办", text[:m.start()] + "驻" + m.group(1) + "办"} \
        if m else set()


def _party_committee_forms(text: str) -> set[str]:
    """A Party committee below the place's (中共某区委某某街道工作委员会, 中共某县委某某镇委员会) is written with 党:
    某某街道党工委 / 街道工委, 某某镇党委."""
    m = _PARTY.match(text)
    if m is None or not m["rest"].endswith("委员会") or len(m["rest"]) < 5:
        return set()
    rest = m["rest"]
    if rest.endswith("工作委员会"):
        return {m["place"] + rest[:-5] + "党工委", m["place"] + rest[:-5] + "工委"}
    return {m["place"] + rest[:-3] + "党委"}


@dataclass
class _Match:
    form: Form
    start: int  # span of the phrase in the question
    end: int
    score: tuple  # how well the phrase fits the unit: compared across units (a tie means ambiguous)
    shape: tuple  # how the phrase sits in this form (word initials kept, characters skipped): picks among forms
    numberless: bool = False  # the phrase leaves out the unit's number (重庆中院 for 重庆市第一中级人民法院)


def _typo_candidate(ch: str) -> bool:
    """A character that may be typed as a homophone of the intended one (not a particle)."""
    return "\u4e00" <= ch <= "\u9fff" and ch not in _PARTICLES and ch not in _NUMERALS


def _align(question: str, end: int, form: Form, known: re.Pattern | None = None) -> _Match | None:
    """The longest phrase of the question ending at ``end`` (inclusive) whose characters occur in order in
    ``form.text``, ending on its last character; None when it names nothing specific."""
    text = form.text
    j = len(text) - 1
    # the unit's kind is typed as printed, or as its homophone right after a character of the name (残连 for 残联);
    # not when that character and the next are printed in the name (张家川回族… is no typo for …联合会)
    homophones = 0 if question[end] == text[j] else 1
    if homophones and not (_typo_candidate(question[end]) and question[end] not in "省市区县州旗"
                           and pinyin(question[end]) == pinyin(text[j])
                           and end >= 1 and question[end - 1] in text[:j] and question[end:end + 2] not in text):
        return None
    start, hits, homophones = _hits(question, end, form, homophones)
    phrase = question[start:end + 1]
    if len(phrase) < 2 or (homophones and (len(phrase) < 3 or _another_place(phrase, hits, form))):
        return None
    numberless = _numberless(question, start, hits, form)
    if numberless is None or not _specific(phrase, hits, form) or _part_left_out(phrase, hits, form):
        return None
    if _contradicted(question, start, known, text[:form.place_end]) and not _place_of_town(question, start, hits, form):
        return None
    if _above_its_level(hits, form):
        return None
    if hits[0] < form.place_end and question[start] in "省市区县州旗" and start > 0:
        # the phrase begins with a place level whose name was typed before it (萧县财政局 against 金平县财政局):
        # that typed place must be this unit's
        typed = (_typed_name(question, start, known) or _raw_place_before(question, start)) + question[start]
        if _PLACES_ONLY.fullmatch(typed) and not _typed_place_in(typed, text[:form.place_end]):
            return None
    initials = sum(1 for h in hits if h in form.initials)
    gaps = sum(b - a - 1 for a, b in zip(hits, hits[1:], strict=False) if a >= form.place_end)
    if not _kind_typed(phrase, text):
        return None
    # the word-list checks come last, on a match that passed everything else
    if homophones and _another_word(question, start, hits, form) or _misread(phrase, hits, form):
        return None
    if len(phrase) == 2 and _word_goes_on(question, end + 1, known):
        return None  # 社会 of 社会保障和就业支出 is no 社会科学界联合会
    fit = (len(phrase), -form.former, -_skipped_levels(text, hits, form), -homophones, -_skipped_lead(hits, form))
    return _Match(form, start, end + 1, fit, (initials, -gaps), numberless)


def _hits(question: str, end: int, form: Form, homophones: int) -> tuple[int, list[int], int]:
    """Walking left from ``end``: where the phrase starts, the position in ``form.text`` of each of its characters
    (in order), and how many were homophones (one at most)."""
    text = form.text
    hits = [len(text) - 1]
    i = end - 1
    while i >= 0:
        ch = question[i]
        k = text.rfind(ch, 0, hits[-1])
        if k < 0 and homophones == 0 and _typo_candidate(ch):
            # a former name with a homophone in the unit's own words is two guesses (纪委 is no 卫计委)
            k = next((p for p in range(hits[-1] - 1, -1, -1) if p not in form.generic
                      and not (form.former and p >= form.place_end) and pinyin(text[p]) == pinyin(ch)), -1)
            homophones += k >= 0
        if k < 0:
            break
        hits.append(k)
        i -= 1
    return i + 1, hits[::-1], homophones


# a unit named after its parent (…规划和自然资源局江北区分局, 公安局公安交通管理局, 高级人民法院某州分院,
# 某市住房保障服务中心某区分中心): its own part
# (before its kind word) tells it from the parent
_BRANCH = re.compile(r"(?<!总局)(?:(?<=局|院)|(?<=中心))[\u4e00-\u9fff]{2,12}?(?=(?:分局|管理局|局|分院|院|支队|大队|所|中心)$)")


def _in_order(phrase: str, text: str) -> bool:
    it = iter(text)
    return all(ch in it for ch in phrase)


# the words that make a body what it is, and the character any naming of it keeps (政协 or 政治协商: 协; 人大: 人)
_BODY_WORDS = ((r"政协|政治协商", "协"), (r"人大|人民代表大会", "人"))


def _part_left_out(phrase: str, hits: list[int], form: Form) -> bool:
    """Whether the phrase leaves out what makes the unit itself: the own part of a unit named after its parent
    (苏州市自然资源和规划局 is not its 吴中分局), or the first character of a two-character place whose second it
    takes (中医院 is not 渝中区人民医院)."""
    branch = _BRANCH.search(form.text)
    if branch and _in_order(phrase, form.text[:branch.start()]):
        return True  # the phrase is the parent's name (杭州市公安局 is not its 公安交通管理局)
    body = next((kept for word, kept in _BODY_WORDS if re.search(word, form.text)), None)
    if body and not _in_order(body, phrase):
        return True  # (a 政协's or 人大's office is named by the body: 区委办 is the Party committee's, not 政协…区委员会办公室)
    for piece in re.finditer(_PLACE_PIECE, form.text[:form.place_end]):
        stem = _place_stem(piece.group(0))
        # the second character of a two-character place name without its first (中 of 渝中: 中医院, 重庆市中医院)
        # (a longer piece may be two names: 新疆巴州)
        if len(stem) == 2 and piece.start() + 1 in hits and piece.start() not in hits:
            return True
    return False


def _word_goes_on(question: str, at: int, known: re.Pattern | None) -> bool:
    """Whether a two-character phrase is the start of a longer word of the question (社会 of 社会保障和就业支出,
    政协 of 政协委员): a word of the dictionary that goes on past it."""
    if at >= len(question) or not "\u4e00" <= question[at] <= "\u9fff" or question[at] in _STOP or \
            question[at] in "会室处" or (known is not None and known.match(question, at)):  # 管委 + 会: a kind word
        return False
    return any(common_word(question[at - 2:at + k]) for k in (1, 2, 3) if at + k <= len(question))


def _another_word(question: str, start: int, hits: list[int], form: Form) -> bool:
    """Whether the character typed for a homophone in another tone makes a word of its own with a neighbour
    (税务 for 水务, 农机 for 农技): another unit, not a slip."""
    for n, h in enumerate(hits):
        i = start + n
        typed, printed = question[i], form.text[h]
        if typed != printed and pinyin(typed, tone=True) != pinyin(printed, tone=True):
            return common_word(question[i:i + 2]) or (i > 0 and common_word(question[i - 1:i + 1]))
    return False


def _misread(phrase: str, hits: list[int], form: Form) -> bool:
    """Whether the phrase fits this name only by reading it apart from how it was typed (each check below)."""
    placed = any(h < form.place_end for h in hits)  # (a function named alone may be any unit's: the caller asks)
    return (_level_glued(phrase, hits, form) or _place_start_typed(hits, form)
            or placed and (_town_left_out(hits, form) or _generic_description(hits, form)))


def _level_glued(phrase: str, hits: list[int], form: Form) -> bool:
    """A place level typed into a word the name does not print (汨罗市政府 is no 汨罗市新市镇人民政府, 黄石市委 no
    黄石市城市管理执法委员会, 天津市政局 no 天津市财政局)."""
    level_ends = {p.end() - 1 for p in re.finditer(_PLACE_PIECE, form.text[:form.place_end])}
    for k in range(len(phrase) - 1):
        pair = phrase[k:k + 2]
        skipped = range(hits[k] + 1, hits[k + 1])  # (a generic word left out is an abbreviation: 梁平区[委]政法委)
        if pair[0] in "省市区县州旗" and (hits[k] in level_ends or hits[k] >= form.place_end) \
                and any(i not in form.generic for i in skipped) and pair not in form.text and common_word(pair):
            return True
    return False


def _town_left_out(hits: list[int], form: Form) -> bool:
    """A town's or street's own name left out of a unit in or under it, its place typed (渠县初级中学 is no 渠县土溪镇
    初级中学, 长寿区农业服务中心 no …凤城街道办事处农业服务中心)."""
    own = form.text[form.place_end:]
    town = _NAMED_LOCAL.match(own)
    if not (town and _BELOW_TOWN.match(own)):
        return False
    name = range(form.place_end + (4 if own.startswith("人民政府") else 0), form.place_end + town.end() - 1)
    if any(h in name for h in hits if form.text[h] not in "街道镇乡省市区县州旗"):  # (新市镇's 市 is no typed 新市)
        return False
    # the town itself named by its kind asks which town (丰台区街道办事处); without it, the place's own (汨罗市人民政府)
    return not re.fullmatch(r"(?:办事处|办|人民政府|政府)?", own[town.end():]) or not any(
        form.text[h] in "街道镇乡" for h in hits if form.place_end <= h)


def _place_start_typed(hits: list[int], form: Form) -> bool:
    """The start of a place's name typed as a place of its own (岳阳 of 岳阳楼区, 西藏 of 西藏昌都市)."""
    for piece in re.finditer(_PLACE_PIECE, form.text[:form.place_end]):
        whole = piece.group(0)
        stem = _place_stem(whole)
        inside = [h - piece.start() for h in hits if piece.start() <= h < piece.end()]
        if 2 <= len(inside) < len(stem) <= 6 and inside == list(range(len(inside))) and place_word(stem[:len(inside)]):
            return True
    return False


def _generic_description(hits: list[int], form: Form) -> bool:
    """One everyday word typed with the kind, the name's own first words and the words after it left out (北京市研究
    中心 is no 北京市文艺研究与网络文艺发展中心, 云南省数据中心 no 云南省乡村数据和防返贫监测中心); a word right before the
    kind is the name's own (荣昌区节能中心: …公共机构节能服务中心)."""
    kind = re.search(r"(?:服务)?中心$|学校$|学院$|馆$|协会$", form.text)
    if not kind or kind.start() <= form.place_end:
        return False
    before = [h for h in hits if form.place_end <= h < kind.start()]
    if len(before) != 2 or before[1] != before[0] + 1 or before[1] + 1 == kind.start():
        return False
    lead_left_out = any(i not in form.generic for i in range(form.place_end, before[0]))
    return lead_left_out and common_word("".join(form.text[h] for h in before))


def _numberless(question: str, start: int, hits: list[int], form: Form) -> bool | None:
    """Whether the phrase leaves out the number that tells the unit from its siblings (重庆中院 for 重庆市第一中级
    人民法院); None when it types another number: 第一幼儿园 against 第二幼儿园, or part of it (二中, 第三中学 against
    第二十六中学, 第八十三中学)."""
    numbers = {k for m in _ORDINAL.finditer(form.text, form.place_end) for k in range(*m.span())}
    numberless = bool(numbers) and not any(h in numbers for h in hits)
    if numberless and start > 0 and question[start - 1] in _NUMERALS:
        return None
    if not numberless and any(k not in hits and form.text[k] in _NUMERALS for k in numbers):
        return None
    return numberless


def _another_place(phrase: str, hits: list[int], form: Form) -> bool:
    """Whether a place typed with a homophone is another real place (宿州 for 苏州, 台州 for 泰州, 抚州 for 福州):
    a slip of the keyboard makes no word (武龙区 for 武隆区, 大度口 for 大渡口); a common word of the dictionary is
    a place of its own."""
    end = form.place_end
    if not end:  # a form that writes its place without the level (苏州财政局): the stems of the unit's place
        for piece in re.finditer(_PLACE_PIECE, _place(form.unit)):
            stem = _place_stem(piece.group(0))
            if form.text.startswith(stem, end):
                end += len(stem)
    typed = "".join(ch for ch, h in zip(phrase, hits, strict=True) if h < end)
    printed = "".join(form.text[h] for h in hits if h < end)
    bare = re.sub(rf"{_LEVEL}$", "", typed)
    typed = bare if len(bare) >= 2 else typed  # 宿州市 → 宿州; 宿州 stays (州 is its name here)
    return typed != printed[:len(typed)] and len(typed) >= 2 and (common_word(typed) or place_word(typed))


@lru_cache(maxsize=1)
def _dictionary() -> str:
    """jieba's word list ("word freq tag" lines), as one text: a few lookups per question are cheaper than a table."""
    import jieba

    with open(os.path.join(os.path.dirname(jieba.__file__), "dict.txt"), encoding="utf-8") as f:
        return "\n" + f.read()


@lru_cache(maxsize=4096)
def _entry(word: str) -> tuple[int, str]:
    """(frequency, part of speech) of a word in the dictionary; (0, "") when it is not there."""
    text = _dictionary()
    at = text.find(f"\n{word} ")
    if at < 0:
        return 0, ""
    freq, tag = text[at + len(word) + 2:text.index("\n", at + 1)].split(" ")[:2]
    return int(freq), tag


def common_word(word: str, floor: int = 10) -> bool:
    """Whether a word is in the dictionary at least ``floor`` times."""
    return _entry(word)[0] >= floor


def place_word(word: str) -> bool:
    """Whether the dictionary knows the word as a place name (ns), however rare (龙港)."""
    return _entry(word)[1] == "ns"


def _above_its_level(hits: list[int], form: Form) -> bool:
    """Whether the typed place stops above the unit's own level while the unit is a function every level has
    (柳州市委宣传部, 重庆市财政局 against 柳州市柳江区委宣传部, 重庆市渝中区财政局: another unit). A street, town or
    township has a name of its own and may be named under a higher place (重庆市两路口街道)."""
    lead = _ORG_PREFIX.match(form.text)
    skip = lead.end() if lead else 0  # 中国共产党柳州市柳江区委员会…: the place after the organisation's name
    end = skip + _place_end(form.text[skip:]) if skip else form.place_end
    pieces = list(re.finditer(_PLACE_PIECE, form.text[skip:end]))
    if len(pieces) < 2:
        return False
    last = range(skip + pieces[-1].start(), skip + pieces[-1].end())
    stem = range(last.start, last.start + len(_place_stem(pieces[-1].group(0))))
    # (a hit on the last place's level word alone is the typed place's own: 鞍山市 + 委宣传部 is not 海城市委宣传部)
    if not any(skip <= h < last.start for h in hits) or any(h in stem for h in hits):
        return False
    return not _NAMED_LOCAL.match(form.text[end:])


def _kind_typed(phrase: str, text: str) -> bool:
    """Whether a kind word the phrase ends with (检察院, 大队) shortens the unit's kind word (人民检察院 ✓,
    中队 ✗, 学院 ✗): "市检察院" never names 检察官学院. A one-character ending is the anchor itself."""
    typed = _KIND_WORD.search(phrase)
    if typed is None or len(typed.group(0)) < 2:
        return True
    m = _KIND_WORD.search(text)
    kind = m.group(0) if m else text[-1]
    pos = 0
    for ch in typed.group(0):
        pos = next((i + 1 for i in range(pos, len(kind)) if _same(ch, kind[i])), -1)
        if pos < 0:
            return False
    return True


def _same(a: str, b: str) -> bool:
    return a == b or ("\u4e00" <= a <= "\u9fff" and pinyin(a) == pinyin(b))


def _specific(phrase: str, hits: list[int], form: Form) -> bool:
    """The phrase names something: a character of the unit's own name that is not a generic word
    (政府, 委员会, 办公室…), or the whole of a generic name (or a character of each of its words) together with a
    place level (区政府, 区委, 区府办)."""
    own = [h for h in hits if h >= form.place_end]
    if any(h not in form.generic for h in own):
        return True
    # whole: every character of the own name, or one of each generic word of it (区府办: 府 of 政府, 办 of 办公室)
    words = [m for m in _GENERIC_WORDS.finditer(form.text, form.place_end) if m.group() != "人民"]
    whole = len(own) == len(form.text) - form.place_end or (
        all(i in form.generic for i in range(form.place_end, len(form.text)))
        and all(any(m.start() <= h < m.end() for h in own) for m in words))
    return whole and (len(own) >= 3 or any(h < form.place_end for h in hits))


def _typed_before(question: str, start: int) -> str:
    """The characters typed right before a phrase that are not particles, function words or numbers."""
    i = start
    while i > 0 and "\u4e00" <= question[i - 1] <= "\u9fff" and question[i - 1] not in _STOP and start - i < 8:
        i -= 1
    typed = question[i:start]
    while (m := _FUNCTION_WORDS.search(typed)) is not None:
        typed = typed[m.end():]
    return typed


def _raw_place_before(question: str, start: int) -> str:
    """Up to four Chinese characters right before a place level, through the characters that are stop words
    elsewhere but begin or end place names (和县, 大同市, 共和县, 费县, 上饶市)."""
    i = start
    while i > 0 and start - i < 4 and "\u4e00" <= question[i - 1] <= "\u9fff" and question[i - 1] not in _NOT_IN_PLACE:
        i -= 1
    raw = question[i:start]
    return raw if set(raw) & _PLACE_STOPS and not _LEAD_IN.search(raw) else ""


_NOT_IN_PLACE = set("的了吗呢啊吧年在是有个那这哪谁我你他本该全各每某其此")
# stop characters that also begin or end place names (和县, 大同, 上饶, 丰都, 前郭): only they make a raw place
_PLACE_STOPS = set("和同上都前向当")


def _typed_name(question: str, start: int, known: re.Pattern | None) -> str:
    """What was typed right before a phrase that may name something (not a figure's or direction's words)."""
    typed = _typed_before(question, start)
    if typed and known is not None:
        typed = known.sub("", typed)  # figure and direction words are not a unit's name (公务接待费减少…)
    return "" if not typed or _METRIC_END.search(typed) else typed


def _contradicted(question: str, start: int, known: re.Pattern | None, place: str = "") -> bool:
    """Whether what was typed right before the phrase names something this unit is not:
    a place that is nowhere in its name (九龙坡区 + 民政局 when only 渝中区's is stored), or another name
    where the phrase skipped the start of this unit's own name (化龙桥 + 街道办 against 两路口街道办事处)."""
    typed = _typed_name(question, start, known)
    if not typed and not (question[start - 1:start] in ("和", "与", "同", "跟") and question[start] not in "省市区县州旗"):
        typed = _raw_place_before(question, start)  # 大同 + 市场监管局; not a conjunction (…街道和张家湾街道)
    if not typed:
        return False
    if place and _PLACES_ONLY.fullmatch(typed) and _typed_place_in(typed, place, renamed_only=True):
        return False  # the unit's place at its former level (武隆县 for 武隆区: a county made a district keeps its name)
    # characters the unit's name does not explain (沙坪坝区 + 财政局; 民 + 政局 is not 财政局; 区 + 财政局 against
    # 重庆市财政局): the question names something else, unless they end a word that may stand before a name (了解, 帮我找)
    return not _LEAD_IN.search(question[:start])


# a school's or hospital's name of its own, no numbered or generic one (蒙正幼儿园, not 实验小学 or 第一中学): a place typed
# before it, where it is stored without one, is its place
_OWN_NAMED = re.compile(r"(?!实验|中心|第|人民|机关|城关|附属|直属|县|区|市)[\u4e00-\u9fff]{2,6}?(?:幼儿园|小学|中学|学校|医院|卫生院)")


def _siblings_named(phrase: str, units: list[str]) -> bool:
    """Whether the units share a parent's name past their places (大冶市殷祖镇…) that the phrase begins with: siblings
    the phrase tells apart by what follows (not units of many places a bare kind fits: 生态环境分局, 镇政府)."""
    common = os.path.commonprefix(units)
    own = common[_place_end(common):]
    return len(own) >= 2 and phrase.startswith(own)


def _named_whole(phrase: str, text: str) -> bool:
    """Whether a phrase is a form's whole name, or all of it after places the phrase leaves out (殷祖镇小学 of
    大冶市殷祖镇小学)."""
    return text == phrase or text.endswith(phrase) and phrase[0] not in "省市区县州旗盟" \
        and bool(_PLACES_ONLY.fullmatch(text[:-len(phrase)]))  # (区财政局 names no district: not whole)


def _place_of_town(question: str, start: int, hits: list[int], form: Form) -> bool:
    """Whether what was typed before a town's or street's whole name is its place, where the stored name prints none
    ("汾阳市冀村镇", "松阳板桥乡" for 冀村镇人民政府, 板桥畲族乡人民政府): a 镇/乡/街道 has a name of its own under any place,
    as a school or hospital named by its own words has ("渝中区蒙正幼儿园")."""
    typed = question[max(0, start - 4):start]
    return form.place_end == 0 and hits[0] == 0 and bool(re.match(r"[\u4e00-\u9fff]{2,}?(?:镇|乡|街道)", form.text)
                                                          or _OWN_NAMED.fullmatch(form.text)) \
        and bool(re.search(r"^[\u4e00-\u9fff]*?[\u4e00-\u9fff]{2}(?:省|市|区|县|州|旗)?$", typed)) \
        and not set(typed) & _NOT_IN_PLACE and _typed_place_word(typed)


def _typed_place_word(typed: str) -> bool:
    """Whether the two to four characters before a name read as a place: a place word, or a name with its level."""
    return bool(_PLACES_ONLY.fullmatch(typed[-3:]) or _PLACES_ONLY.fullmatch(typed) or place_word(typed[-2:]))


def _above_unit_level(typed: str, name: str) -> bool:
    """Whether a typed place is a higher level of the unit's place while the unit is a function every level has
    (成都的民政局 is the city's, not 锦江区's); a 街道/镇/乡 has a name of its own under any place."""
    lead = _ORG_PREFIX.match(name)
    rest = name[lead.end():] if lead else name
    end = _place_end(rest)
    pieces = [m.group(0) for m in re.finditer(_PLACE_PIECE, rest[:end])]
    if len(pieces) < 2 or _NAMED_LOCAL.match(rest[end:]):
        return False
    return _place_stem(pieces[-1]) not in typed


def _names_a_place(name: str) -> bool:
    """Whether a name says where its unit is (a name printed without a place, 西彭人民法庭, may be anywhere)."""
    return _place_end(_ORG_PREFIX.sub("", name)) > 0


def _typed_place_in(typed: str, name: str, renamed_only: bool = False) -> bool:
    """Whether a typed place (荣昌, 江宁区, 武隆县) is the place of a name: its stem there at the same level, or at the
    level a county becomes (县 → 区 / 市, keeping its name); 朝阳市 is not 朝阳区, nor 吉林市 吉林省."""
    stem = _place_stem(typed)
    level = typed[len(stem):] if typed.startswith(stem) else ""
    if renamed_only and level not in ("县", "自治县"):
        return False
    for m in re.finditer(re.escape(stem) + rf"(?P<level>(?:{ETHNIC})*{ADMIN_LEVEL})?", name):
        if not m["level"] and re.match(rf"[\u4e00-\u9fff]{{1,2}}{_LEVEL}", name[m.end():]):
            continue  # the start of a longer place's name (岳阳 of 岳阳楼区, 西藏 of 西藏昌都市)
        found = re.sub(rf"^(?:{ETHNIC})*(?:自治)?", "", m["level"] or "")  # 苗族瑶族傣族自治县 is a 县
        if not level or found == re.sub(r"^自治", "", level) or (level.endswith("县") and _county_renamed(found, name[:m.start()])):
            return True
    return False


def _county_renamed(found: str, before: str) -> bool:
    """Whether a county may have become the place printed at level ``found``: a district (武隆县 → 武隆区), or a
    county-level city, printed under its prefecture (某州凯里市); a city printed alone or under its province is a
    prefecture (铁岭县 is not 铁岭市, 昌都县 not 西藏昌都市)."""
    return found == "区" or found == "市" and bool(re.search(r"(?:市|州|地区|盟)$", before))


def _place_stem(place: str) -> str:
    """The last level of a typed place without its level word (重庆市沙坪坝区 → 沙坪坝, 荣昌 → 荣昌)."""
    pieces = re.findall(_PLACE_PIECE, place)
    last = pieces[-1] if pieces else place
    return re.sub(rf"(?:{ETHNIC})*{ADMIN_LEVEL}$", "", last) or last


def _skipped_lead(hits: list[int], form: Form) -> int:
    """1 when the phrase leaves out the first words of the unit's own name (社保局 in 人力资源和社会保障局, 区委 in
    区政协委员会, 区委 in 某某中央商务区管理委员会), 0 when it starts where they start (社会保险局, 区委宣传部): people
    shorten a name from its beginning, so among units that fit equally well the one begun with is meant."""
    own = [h for h in hits if h >= form.place_end]
    if not own or form.text[own[0]] == form.text[form.place_end]:
        return 0  # (the first character typed is the name's first too: 人代工委 begins 人民代表大会…人事代表工作委员会)
    lead = range(form.place_end, own[0])
    return int(any(i not in form.generic for i in lead))


def _skipped_levels(text: str, hits: list[int], form: Form) -> int:
    """Place levels inside the matched span that the phrase left out (重庆市[渝中区]财政局 for 重庆市财政局)."""
    first, last = hits[0], hits[-1]
    if first >= form.place_end:
        return 0
    inner = text[first:min(last, form.place_end)]
    covered = {h for h in hits}
    return sum(1 for m in re.finditer(rf"[\u4e00-\u9fff]+?{_LEVEL}", inner)
               if not any(first + m.start() <= h < first + m.end() for h in covered))


# a second name of the same organ after the first (纪委 + 监委, 党工委 + 管委): not a unit below it
_SECOND_NAMES = {"监委", "监委会", "管委", "管委会", "监察委", "监察委员会"}




class UnitIndex:
    """The stored unit names, ready to be recognised in questions."""

    def __init__(self, names: list[str], words: tuple[str, ...] = (), aliases: dict[str, str] | None = None) -> None:
        """``words`` are words that may stand right before a unit's name without being part of it (the
        vocabulary's figure words: 公务接待费, 减少…); ``aliases`` are other names a document prints for its
        unit (大英县文学艺术界联合会 for the title's 大英文学艺术界联合会), each recognised as that unit."""
        self.aliases = {a: u for a, u in (aliases or {}).items() if a and u and a != u}
        self.names = sorted(set(n for n in names if n) | set(self.aliases))
        self.known = re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True)))) if words else None
        self.forms = [f for n in self.names for f in forms_of(n)]
        self.segmented = {f.text[f.place_end:] for f in self.forms}  # the texts whose word starts it used
        self.by_last: dict[str, list[Form]] = {}
        for f in self.forms:
            self.by_last.setdefault(f.text[-1], []).append(f)
        self.group = _same_unit_groups(self.names)
        for alias, unit in self.aliases.items():  # a name the document prints too is its unit's
            old, new = self.group[alias], self.group.setdefault(unit, len(self.group))
            self.group.update({k: new for k, v in self.group.items() if v == old})
        self.places = _places(self.names)

    def _candidates(self, ch: str) -> list[Form]:
        if ch in self.by_last:
            return self.by_last[ch]
        if not "\u4e00" <= ch <= "\u9fff":
            return []
        return [f for last, forms in self.by_last.items() if pinyin(last) == pinyin(ch) for f in forms]

    def _matches(self, question: str) -> list[_Match]:
        found = []
        for end, ch in enumerate(question):
            for form in self._candidates(ch):
                m = _align(question, end, form, self.known)
                if m is not None:
                    found.append(m)
        return found

    def mentions(self, question: str) -> list[UnitMention]:
        """The units the question names, in order; each mention lists every stored name it fits best."""
        q = party_short(re.sub(r"\s+", " ", to_simplified(question)))  # (a space separates words: nothing is aligned
        matches = self._matches(q)  # across it)
        out: list[UnitMention] = []
        taken: list[tuple[int, int]] = []
        below_spans: list[tuple[int, int]] = []  # a unit and the unit below it: one mention
        for m in sorted(matches, key=lambda m: (-m.score[0], m.start)):
            if any(m.start < e and s < m.end for s, e in taken) or self._below_another(q, m, matches):
                continue
            taken.append((m.start, m.end))
            if self._continued(q, m.start, m.end, matches):
                continue
            below = self._below(q, m)
            if below is not None:  # a unit below the matched one, named after a filler
                end, units = below
                taken[-1] = (m.start, end)  # the lower unit's words name nothing else either
                if not units:
                    continue  # no stored unit is that one: not the matched unit either
                below_spans.append((m.start, end))
                groups = {self.group[u] for u in units}
                out.append(UnitMention(phrase=q[m.start:end], start=m.start, units=units, ambiguous=len(groups) > 1))
                continue
            overlapping = [x for x in matches if x.start < m.end and m.start < x.end]
            units = self._best_units(overlapping)
            groups = {self.group[u] for u in units}  # one unit printed two ways: every name it is stored under
            if len(groups) > 1 and _siblings_named(q[m.start:m.end], units):
                # (殷祖镇小学 is 大冶市殷祖镇小学, not 殷祖镇花市小学: of units under one named parent, the one named whole)
                exact = {self.group[x.form.unit] for x in overlapping if x.form.unit in units
                         and _named_whole(q[m.start:m.end], x.form.text)}
                groups = exact if len(exact) == 1 else groups
            units = [n for n in self.names if self.group[n] in groups]
            groups = {self.group[u] for u in units}
            if len(groups) == 1 and m.numberless:
                taken.pop()  # 兴庆区幼儿园 with only 第七幼儿园 stored: that numbered unit is not the one named
                continue
            # (a former name only when no present form fits as well: 规资局 is 规划和自然资源局's, 规划和国土资源局's too)
            former = m.form.former and not any(x.form.unit == m.form.unit and not x.form.former and x.score >= m.score
                                               for x in overlapping)
            out.append(UnitMention(phrase=q[m.start:m.end], start=m.start, units=units, ambiguous=len(groups) > 1,
                                   former=former and len(groups) == 1))
        out = self._placed(q, out, self._place_mentions(q, taken))
        out = [x for x in out if not any(s <= x.start and x.start + len(x.phrase) <= e and s + len(x.phrase) < e
                                         for s, e in below_spans)]
        return sorted((self._canonical(x) for x in out), key=lambda x: x.start)

    def _canonical(self, mention: UnitMention) -> UnitMention:
        """A mention's units by their stored names (an alias stands for its unit)."""
        if not self.aliases:
            return mention
        return mention.model_copy(update={"units": sorted({self.aliases.get(u, u) for u in mention.units})})

    def _placed(self, q: str, units: list[UnitMention], places: list[UnitMention]) -> list[UnitMention]:
        """A place typed before a unit with a filler between ("荣昌那边仁义中学", "普陀的卫健委", "沙坪坝区的财政局") is
        where that unit is, not a mention of its own: the unit's mention keeps the units whose names hold that place;
        when none does, the question names a unit the archive does not hold, and nothing is answered for it."""
        out: list[UnitMention] = []
        consumed: set[int] = set()  # where the places that were such a qualifier end
        for mention in units:
            filler = _PLACE_FILLER.search(q[:mention.start])
            typed = _typed_name(q, filler.start(), self.known) if filler else ""
            if filler and len(typed) < 2:  # a place with a stop character (大同的, 上海 财政局, 和县 财政局)
                typed = _raw_place_before(q, filler.start()) or typed
            if not typed or _PRONOUNS.fullmatch(typed):
                out.append(mention)
                continue
            if not (typed in self.places or _PLACES_ONLY.fullmatch(typed)):
                if len(typed) < 2:
                    out.append(mention)
                    continue
                # "江北 卫健委": a place the archive does not hold; "杭州的民政局": a level above the stored units'
                there = [u for u in mention.units if typed in u and not _above_unit_level(typed, u)]
                if there:
                    out.append(mention.model_copy(update={"units": there,
                                                          "ambiguous": len({self.group[u] for u in there}) > 1}))
                continue
            consumed.add(filler.start())
            there = [u for u in mention.units if not _names_a_place(u)
                     or _typed_place_in(typed, u) and not _above_unit_level(typed, u)]
            if there:
                groups = {self.group[u] for u in there}
                out.append(mention.model_copy(update={"units": there, "ambiguous": len(groups) > 1}))
        return out + [p for p in places if p.start + len(p.phrase) not in consumed]

    def _place_mentions(self, q: str, taken: list[tuple[int, int]]) -> list[UnitMention]:
        """A place named alone ("普陀的三公经费", "大同 公务接待费"): the units of that place."""
        out = []
        for place in sorted(self.places, key=len, reverse=True):
            for m in re.finditer(re.escape(place), q):
                if any(m.start() < e and s < m.end() for s, e in taken) or self._names_unknown_unit(q, m):
                    continue
                after = m.end() + (q[m.end():m.end() + 1] in "省市区县州旗盟")  # (its stem: 澜川 of 澜川市青石区)
                if any(q.startswith(lower, after) or q.startswith(lower, m.end()) for lower in self.places if lower != place):
                    continue  # (a place above the one typed after it, 澜川市 of 澜川市青石区: the lower one says where)
                units, end = self.places[place], m.end()
                word = q[after:after + 2]  # (the words right after the place, "麦积区妇幼…": of its units, the ones
                # whose own names hold them; a figure's or a time's words are no part of a name)
                if len(units) > 1 and re.fullmatch(r"[\u4e00-\u9fff]{2}", word) and word[0] not in _STOP and not (
                        self.known is not None and self.known.match(q, after)):
                    own = [u for u in units if _in_order(word, u[u.find(place) + len(place):])]  # (疾控: 疾病预防控制)
                    units, end = (own, after + 2) if own else (units, end)
                taken.append((m.start(), end))
                groups = {self.group[u] for u in units}
                out.append(UnitMention(phrase=q[m.start():end], start=m.start(), units=units, ambiguous=len(groups) > 1))
        return out

    def _continued(self, q: str, start: int, end: int, matches: list[_Match]) -> bool:
        """Whether the name goes on into a unit below the matched one (五里店街道 + 党工委, 北碚区政府 + 办,
        潞邑街道 + 综治中心) that no stored name fits: the matched unit is then not the one asked about."""
        # a 和 inside the lower unit's name (规划建设和环境保护办公室) does not end it; one right after ends it (财政局和…)
        rest = (_CUT if q[end:end + 1] == "和" else _CUT_INSIDE_NAME).split(q[end:], maxsplit=1)[0]
        if re.match(r"各|每", rest):
            return False  # (教育局各学校: each of its units, none of them named)
        if self.known is not None and (k := self.known.search(rest)):
            rest = rest[:k.start()]
        said = _lower_name(rest)
        if said is None or any(end <= x.start < end + len(said) for x in matches):
            return False
        if q[end - 1] == "委" and rest.startswith("员会"):
            return False  # a name stored short (某区卫生健康委) typed out in full (…委员会): the same unit
        if _CLASS_NAMES.match(rest) and end - start >= 4:
            # a name typed out (吴江区财政局) and a functional class's name after it (城乡社区规划与管理（项）): a row,
            # not a lower unit; a short phrase (城乡 + 社区支出) stays unsure, so it names nothing
            return False
        # not a lower unit: the rest of the matched kind word (管委 + 会, 工委 + 会) or a second name of the
        # same organ (纪委 + 监委, 党工委 + 管委)
        return not (said in ("会", "室", "处") or said in _SECOND_NAMES)

    @staticmethod
    def _below_another(q: str, m: _Match, matches: list[_Match]) -> bool:
        """Whether the phrase follows another unit and a filler (南汇街道 + 的 + 社区卫生服务中心): that unit's
        :meth:`_below` decides what it names."""
        filler = re.search(r"(?:的|之|下面|下属|所属|旗下|那个|这个|那家|这家)+$", q[:m.start])
        return filler is not None and any(x.end == filler.start() for x in matches)

    def _below(self, q: str, m: _Match) -> tuple[int, list[str]] | None:
        """A unit below the matched one, named after a filler word (北苑街道 + 的 + 中心, 远觉镇 + 那个 + 服务中心):
        (where its name ends, the stored units whose names hold both, in order). Such a phrase asks about the lower
        unit, never about the matched one; several fitting units are each named (the caller asks which)."""
        filler = _BELOW.match(q[m.end:])
        if filler is None:
            return None
        after = m.end + filler.end()
        rest = _CUT.split(q[after:], maxsplit=1)[0]
        if self.known is not None and (k := self.known.search(rest)):
            rest = rest[:k.start()]
        lower = re.fullmatch(_KIND_AHEAD.pattern.removeprefix("^"), rest[:8]) or _KIND_AHEAD.match(rest)
        if lower is None or lower.end() < len(rest) and not self._known_at(rest, lower.end()):
            return None  # what follows is not a unit's name ending with its kind (的部门预算, 的三公经费)
        said = lower.group(0)
        joined = q[:m.end] + said
        fits = [x for x in self._matches(joined) if x.end == len(joined) and x.start <= m.start]
        return after + len(said), (self._best_units(fits) if fits else [])

    def counterpart(self, units: list[str], level: str) -> list[str]:
        """The stored units doing the work of ``units`` at another level of place ("市卫健委" then "区里的呢？": the
        district's 卫生健康委员会): the names whose words after their place are the same and whose place ends in
        ``level`` (省/市/区/县)."""
        own = {u[_place_end(u):] for u in units if _place_end(u)}
        return [n for n in self.names if n not in units and (end := _place_end(n)) and n[end:] in own
                and n[:end].endswith(level)]

    def unmatched_below(self, question: str) -> str | None:
        """The phrase naming a unit below a stored one that no stored unit is ("区卫健委下面的疾控中心": a member its
        department's documents may take in), the stored unit's words with it, else None."""
        q = re.sub(r"\s+", " ", to_simplified(question))
        for m in self._matches(q):
            below = self._below(q, m)
            if below is not None and not below[1]:
                return q[m.start:below[0]]
        return None

    def _known_at(self, text: str, pos: int) -> bool:
        return self.known is not None and self.known.match(text, pos) is not None

    def _names_unknown_unit(self, q: str, place: re.Match) -> bool:
        """Whether the place begins a longer unit name that matched no stored unit (渝中区财政局 when only
        普陀区's units are stored): that is an unknown unit, not the place's units."""
        rest = q[place.end():].lstrip()  # "象山 林场": the place, a space, a unit of it
        if self.known is not None and (k := self.known.search(rest)):
            rest = rest[:k.start()]
        named = unit_like(place.group(0) + rest)
        if named is None and re.match(r"[和与及][\u4e00-\u9fff]{1,4}?(?:族乡|乡|镇|街道)", rest):
            return True  # (a township whose name begins with a conjunction's character: 金口河 + 和平乡)
        # (城乡公交, 城镇职工, 乡镇接待 after a place: words, not a township of it; 新城镇, 古城乡 are townships)
        return named is not None and named[len(place.group(0)):] not in ("城乡", "城镇", "乡镇")

    def _best_units(self, matches: list[_Match]) -> list[str]:
        """The units whose best fit is the top fit; units printed two ways come together."""
        best: dict[str, tuple] = {}
        for m in matches:
            if m.form.unit not in best or m.score > best[m.form.unit]:
                best[m.form.unit] = m.score
        top = max(best.values())
        winners = [u for u, s in best.items() if s == top]
        # a unit printed two ways is one unit: keep every stored name of the winners' groups
        groups = {self.group[u] for u in winners}
        return sorted(u for u in best if self.group[u] in groups and (u in winners or best[u][0] == top[0]))

    def closest(self, phrase: str, n: int = 3) -> list[str]:
        """Stored names nearest to a phrase that named none of them (shared characters, in order)."""
        def overlap(name: str) -> tuple[int, int]:
            common = sum(1 for ch in set(phrase) if ch in name and not _GENERIC_WORDS.fullmatch(ch))
            return common, -len(name)
        ranked = sorted(self.names, key=overlap, reverse=True)
        return list(dict.fromkeys(self.aliases.get(u, u) for u in ranked[:n] if overlap(u)[0] > 0))


def _places(names: list[str]) -> dict[str, list[str]]:
    """Each place a stored name begins with, written in full or as its stem (普陀区 → 普陀, 昌吉回族自治州 → 昌吉州,
    昌吉), with the names of that place: at its lowest level, and at the levels above (a city named alone holds its
    districts' units too: 澜川市 is not only 澜川市财政局 when 澜川市青石区… units are stored)."""
    out: dict[str, set[str]] = {}
    for name in names:
        pieces = re.findall(_PLACE_PIECE, _place(_ORG_PREFIX.sub("", name)))  # 中共渠县委员会… is of 渠县 too
        for piece in pieces:
            stem = re.sub(rf"(?:{ETHNIC})*{ADMIN_LEVEL}$", "", piece)
            for written in {piece, stem, stem + piece[-1] if piece[-1] in "州县旗" else ""}:
                if len(written) >= 2:
                    out.setdefault(written, set()).add(name)
    return {p: sorted(u) for p, u in out.items()}


@lru_cache(maxsize=16384)
def _core(name: str) -> str:
    forms = [f for f in forms_of(name) if not f.former]  # two units are never one through a former name
    text = min((f.text for f in forms), key=len)
    return text[_place_end(text):]


def _same_unit_groups(names: list[str]) -> dict[str, int]:
    """Group the names that are one unit printed two ways: the same name after the place, and the same
    lowest place, written in full or shortened (昌吉回族自治州 / 昌吉州, 上海市普陀区 / 普陀区)."""
    group = {n: i for i, n in enumerate(names)}
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            if _core(a) == _core(b) and _same_place(_place(a), _place(b)):
                old, new = group[b], group[a]
                for k, v in group.items():
                    if v == old:
                        group[k] = new
    return group


@lru_cache(maxsize=16384)
def _place(name: str) -> str:
    text = re.sub(r"[(（].*$", "", name)
    return text[:_place_end(text)]


def _same_place(a: str, b: str) -> bool:
    """Whether two places are one: their lowest levels shorten one another."""
    pa, pb = re.findall(_PLACE_PIECE, a), re.findall(_PLACE_PIECE, b)
    if not pa or not pb:  # a name that does not begin with its place (中共…, 共青团…) is grouped with none
        return False
    return _is_shortening(pa[-1], pb[-1])


def _is_shortening(a: str, b: str) -> bool:
    """Whether one place is the other written shorter (its characters in order, same first character)."""
    short, long = sorted((a, b), key=len)
    if not short or not long or short[0] != long[0]:
        return False
    pos = 0
    for ch in short:
        pos = long.find(ch, pos)
        if pos < 0:
            return False
        pos += 1
    return True


# what a unit's name ends with, in a question (部门, 会议, 所有… are not units)
_UNIT_LIKE = re.compile(r"[\u4e00-\u9fff]{1,16}?(?:委员会|办公室|街道办|街道|人民政府|政府|局|委|厅|院|中心|镇|乡|馆|站|队|"
                        r"幼儿园|中学|小学|学校|党校|供销社|林场|苗圃|法庭|(?:编|府|委|侨|台|外|人防|扶贫|政府)办|[一二三四五六七八九十][中小幼]|"
                        r"人大|政协|[妇残侨文]联|工商联|科协|"
                        r"部(?![门分])|会(?![议计])|所(?![有以])|(?<![到各好难用益此])处(?![理置罚分室]))")
_EACH = re.compile(r"^(?:下面|下属|所属)?(?:各|每)(?:个|所|家|一个)?[\u4e00-\u9fff]{0,4}?(?:学校|小学|中学|幼儿园|医院|卫生院|单位|"
                   r"福利院|站|所|馆|中心|队)")
# a count asked of things ("几个防火检查站", "多少所学校"): what follows the measure word is counted, not named
_COUNTED = re.compile(r"(?:几|多少)(?:个|所|座|家|处|条|名|辆|台|批)[\u4e00-\u9fff]{0,10}")
_TIME_WORDS = re.compile(r"^(?:今年|去年|前年|本年|上年|年度|年|请问|查询|关于)+")


def unit_like_longest(text: str, start: int = 0) -> str | None:
    """The longest unit-like name of ``text`` from ``start`` ("荇洲街道社区事务受理服务中心", not 荇洲街道; "区委办", not 区委)."""
    return next((text[start:end] for end in range(min(len(text), start + 20), start + 1, -1)
                 if _UNIT_LIKE.fullmatch(text, start, end)), None)


def party_short(text: str) -> str:
    """A Party committee's body named written out (中国共产党永德县委员会组织部) as it is usually stored and printed,
    short (中共永德县委组织部): matched as that."""
    return re.sub(r"中国共产党([\u4e00-\u9fff]{1,12}?[省市区县州旗])委员会", r"中共\1委", text)


def below_parts(phrase: str) -> tuple[str, str]:
    """A phrase naming a unit below another ("区卫健委下面的疾控中心") as the upper unit's words and the lower's; a
    phrase with no filler word is all the lower's."""
    fillers = list(re.finditer(_BELOW.pattern.removeprefix("^"), phrase))
    if not fillers or fillers[-1].start() == 0:
        return "", phrase
    return phrase[:fillers[-1].start()], phrase[fillers[-1].end():]


def unit_like(question: str, words: tuple[str, ...] = ()) -> str | None:
    """A phrase that looks like the name of a unit (北京市财政局), for saying it was not recognised;
    a phrase holding one of ``words`` (figure words such as 公务接待) is not one."""
    question = _COUNTED.sub(" ", question)  # ("要建几个防火检查站": things counted, no unit named)
    for segment in re.split(r"[^\u4e00-\u9fff]+|[的了吗呢啊吧和与及跟比在]", question):
        segment = _EACH.sub("", _TIME_WORDS.sub("", segment))  # (各个学校, 每所学校: each of some units, none named)
        m = _UNIT_LIKE.search(segment)
        found = m.group(0) if m else None
        if m and len(found) < 3:  # a place that ends like a unit (宁乡), or a kind cut short (区委 of 区委办): the longer
            found = unit_like_longest(segment, m.start())  # name it begins
        if found and len(found) >= 3 and not any(w in found for w in words):
            return found
    return None
