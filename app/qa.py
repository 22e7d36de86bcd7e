"""Answering plain Chinese questions from the stored figures and reason passages, always cited.

The deterministic answerer: question → (units, years, metric keys, intent) → stored figures /
reasons → a short Chinese answer with the exact figure and its citations; comparisons are
computed with Decimal and cite both sides. When the archive does not hold the answer (unknown
unit, a year it lacks, a figure not disclosed) it says so and shows the nearest passages.
"""

from __future__ import annotations

import re
from decimal import Decimal

from app.agreement import asks_agreement, places, tables_named, verdict, without_tables
from app.lines import (
    LineAnswer,
    best_items,
    budget_gap,
    change_said,
    core_of,
    describe,
    expand_short,
    gap_said,
    line_answer,
    whole,
    year_change,
)
from app.lines import said as _said
from app.passages import OUTCOME_WHY, best_cause, best_statement, statements
from app.projects import asked_field, condition, extreme
from app.question import (
    FUND_NAMES,
    amounts_said,
    asks_parts,
    figure_words,
    metric_keys,
    parts_named,
    years_in,
)
from app.units import UnitIndex, below_parts, unit_like
from core.schemas import (
    Answer,
    Chunk,
    ChunkKind,
    Citation,
    DocRecord,
    DocType,
    Figure,
    Intent,
    LineAmount,
    LineItem,
    ParsedQuestion,
    Reason,
    Scope,
    UnitMention,
)
from core.vocabulary import FIGURE_KEYS, REASON_MARKER, names_metric, printed_end
from core.vocabulary import label_of as label
from extraction.prose import of_a_member
from extraction.reasons import printed_text
from index.normalise import PAGE_LINE
from index.store import Store

THREE_PUBLIC_ITEMS = ["overseas_travel", "vehicle_purchase", "vehicle_operation", "official_reception"]
_CARRY_KEYS = {"beginning_carryover", "ending_carryover"}
_QUOTED = "中写道："  # (an answer that quotes the sentence or row stating what is asked)
MAX_UNITS_PER_ANSWER = 4  # more units than this and the answer asks which one is meant
# what a question asks of a project, in the order answers give them
_PROJECT_FIELDS = [("budget", r"预算|安排|资金总额|多少钱|执行情况"), ("actual", r"实际|花了|执行(?!率)|用了|支出了|执行情况"),
                   ("execution_rate", r"执行率|完成率|百分之几|执行情况|花完|用完"), ("score", r"得分|几分|多少分|打分|评分|自评|总分")]
# the rows and columns of a project's money (:func:`extraction.lineitems.project_money_items`) and the words that ask them
_PROJECT_ROWS = (("当年财政拨款", r"当年财政拨款|财政拨款"), ("上年结转资金", r"上年结转"), ("其他资金", r"其他资金"))
_LIST_REACH = 160  # characters past a figure's clause its list of parts may go on, parted by "；"
# a target form's funds under its 项目资金 (其中当年财政拨款, 上年结转, 其他资金), and a question asking them all
_FUND_COLUMN = re.compile(r"当年财政拨款|财政拨款$|上年结转|其他资金")
_FUNDS_ASKED = re.compile(r"项目资金|资金来源|资金构成|资金组成|哪些资金|资金.{0,4}(?:构成|组成)")
_PROJECT_COLUMNS = (("年初预算数", r"年初|预算编制|目标申报"), ("资金结", r"结余|结转|剩|结存|没花|没用"),
                    ("全年预算数", r"全年预算|调整后的?预算"), ("全年执行数", r"执行数|实际|花了|支出了|用了"),
                    ("偏差", r"偏差|差额"), ("执行率", r"执行率"))
# a row's amount and what the text says it is for ("…（项）”3136.40万元，主要用于标准化菜场及副食品行业管理")
_USED_FOR = re.compile(r"(?P<row>[^。；;：:]{2,80}?)(?P<v>\d[\d,]*(?:\.\d+)?)万元(?:[，,](?:(?!用于)[^。；;，,]){1,24}){0,2}[，,]?"
                       r"(?:主要)?用于[:：]?(?P<use>[^。；;]{2,60})")  # (…万元，完成年初预算的89.63%，用于缴纳…)
# the budget words a row's name is printed with before its amount ("社会保障和就业支出年初预算605.43万元")
_ROW_BUDGET_WORDS = re.compile(r"(?:(?:年初|全年|调整后)?预算数?|(?:支出)?决算数?)(?:为|是)?$")
_GENERIC_USE_WORDS = {"安排了", "多少钱", "预算是", "这一块", "这块安", "花了多"}
# a part asked of a figure ("人员经费中基本工资是多少", "三公经费里的公务接待费")
_PART_OF_FIGURE = re.compile(r"(?:中|里|里面|当中|其中)的?(?P<part>[\u4e00-\u9fff]{2,10}?)(?:是|有|为|花了|用了)?(?:多少|几)")
# figures added up ("加起来多少", "合计多少", "一共多少")
_ASKS_SUM = re.compile(r"加起来|加在一起|合计|总共|一共|总计|之和|相加")
# the units a department's document takes in, asked ("包括哪几家单位", "下属几个单位", "单位构成")
_ASKS_MEMBERS = re.compile(r"(?:包括|包含|含|有|下属|所属|纳入)[^。？?]{0,6}?(?:哪[几些]家?|几家|几个|几所|多少[个家所]?)[^。？?]{0,4}"
                           r"(?:单位|学校|事业单位|中心|医院|幼儿园)|包不包括|包没包括|含不含|有没有包括|(?:包括|包含|含)[^。？?]{1,14}吗|"
                           r"是(?:部门|单位)(?:预算|决算)还是|(?:单位|部门)(?:预算|决算)[^。？?]{0,10}(?:区别|不同|差别)|"
                           r"有没有[^。？?]{0,6}(?:学校|下属|所属)|"
                           r"单位构成|哪些单位|哪几家单位|几家单位|几个单位|本级还是|还是[^。？?]{0,10}本级|只有[^。？?]{0,8}本级|"
                           r"汇总(?:进去|进来|在内|了)|[合汇]并了?[^。？?]{0,6}(?:单位|学校|下属)")
# the sentence that says which units a department's document takes in (…纳入本部门2023年度部门决算汇编范围的只有…本级1个单位;
# 编制范围仅为局机关本级1个预算单位，不包括…), not the heading that names the section (机构设置及单位预算编制范围)
_COMPOSITION = re.compile(r"(?:编制|汇编|汇总|决算|预算)范围.*(?:纳入|包括|包含|仅|只有|不含|即为)|(?:纳入|包括|仅|只有).*"
                          r"(?:编制|汇编|汇总|决算|预算)范围")
# the parts of a project's money asked ("预算分成哪几块", "按哪些用途分的")
_ASKS_BREAKDOWN = re.compile(r"哪几块|哪几部分|哪些用途|什么用途|怎么分|如何分|分成|分为|构成|组成|明细|用在哪|花在哪|用于哪")
# an asset's value or area asked (账面值, 原值, 多少平方米)
_ASKS_ASSET = re.compile(r"价值|值多少|值几|账面|原值|净值|面积|平方米|多大")
# a budget figure and the actual figure it is compared with
_ACTUAL_OF = {"three_public_budget": "three_public_actual", "gpb_initial_budget": "gpb_expenditure"}
_BUDGET_OF = {actual: budget for budget, actual in _ACTUAL_OF.items()}
_GRAND_OF = {"expenditure_current_year": "expenditure_grand_total", "income_current_year": "income_grand_total"}
# the measure a count question asks for ("多少批次", "培训了多少人") and how values print it
_MEASURES = {"批次": "批", "人次": "人次", "家次": "家次", "家": "家", "次": "次", "人": "[人名]", "名": "[人名]",
             "天": "天", "件": "件", "份": "份", "个": "个", "户": "户", "辆": "辆", "万元": "万", "元": "元",
             "公里": "公里|千米|km", "千米": "公里|千米|km", "平方米": "平方米|㎡", "立方米": "立方米|m³|方", "米": "米",
             "亩": "亩", "座": "座", "吨": "吨", "期": "期", "场": "场", "所": "所", "处": "处", "条": "条", "台": "台|套"}
_MEASURE = re.compile(r"(?:多少|几)(批次|人次|家次|平方米|立方米|公里|千米|家|次|人|名|天|件|份|个|户|辆|万元|元|亩|座|吨|期|场|所|处|条|台"
                      r"|米)")
# a value per person, vehicle, day, batch… ("=180元/人.天", "≤460元/天/人", "万元/年")
_PER_UNIT = re.compile(r"[元万]\s*/|/\s*(?:人|辆|天|次|批|年|户|件)|每(?:人|辆|天|批|次)")
# a question asking a quantity (not what something is or does)
_QUANTITY = re.compile(r"多少|几|金额|钱|预算|执行|得分|分数|打分|评分|自评|结果|如何|怎么样|率|比例|占比|标准|指标|目标|完成")
# pairs of characters that every count's question or name may hold: they tell no count from another
_COUNT_WORDS = {"人员", "多少", "有多", "一共", "共有", "数量", "总数", "年底", "年末"}
# how people say what the text counts with its own verbs
_COUNT_VERBS = ((r"(?:新|购)?买了?", "购置"), (r"实际有|实际在岗|实际在编", "实有"), (r"开了?(?:几|多少)次会", "召开会议几次"), (r"办了?(?:几|多少)期培训", "举办培训几期"),
                (r"派了?(?:几|多少)个团", "出国团组几个"))
# words every per-unit standard shares ("人均支出标准", "平均成本"): they name none of them
_RATE_WORDS = {"标准", "人均", "支出", "平均", "均成", "成本", "均支", "每人", "每天", "人员", "员标", "人数", "工资", "费用"}
# a question asking which firms or people (no disclosure names them) or a count of things
_NAMES_ASKED = re.compile(r"哪家(?:企业|公司|机构|银行|医院|律所|事务所|单位|检验|检测|保险)|哪些(?:企业|公司|商户|个人|人)|"
                          r"什么(?:企业|公司)|名单|是谁|有谁")
# the words of the 整体支出 table's rows and columns ("整体支出执行率", "项目支出全年预算数和年初预算数各是多少")
_OVERALL_WORDS = re.compile(r"整体|基本|项目|年初|全年|执行率?|得分|几分|分值|和|与|及|各|比|差|相差|增加|减少|[多少]了?|自评|绩效|"
                            r"表|里|中|这项|这一项|率|完成")
# a column only a self-evaluation prints for a unit's whole money (a 决算 prints its 年初预算 and 决算数)
_EVALUATION_COLUMN = re.compile(r"全年预算|执行率|全年执行|执行数|预算执行|(?:基本|项目)支出的?年初预算")
# a column of a self-evaluation's money asked ("年初预算和全年预算各是多少", "实际执行了多少", "执行率")
# a score asked of a self-evaluation ("自评得了多少分", "整体绩效打了几分", "总分多少")
_WHOLE_SCORE_ASKED = re.compile(r"(?:自评|绩效|评价)[^，,。？?]{0,6}?(?:得分|得了?多少分|几分|多少分|总分)|打了?(?:多少|几)分")
# the sentence stating a whole self-evaluation's score ("整体支出绩效自评得分为97.85分", "自评总分97.85分")
_WHOLE_SCORE_SAID = re.compile(r"整体[^。；;]{0,16}?(?:自评|评价)(?:总|综合)?(?:得分|分)[为是]?\s*\d+(?:\.\d+)?\s*分|"
                               r"(?:自评|评价)总分[为是]?\s*\d+(?:\.\d+)?\s*分")
_OVERALL_ASKED = re.compile(r"年初预算|全年预算|执行数|执行了|执行率|预算执行")
# the score of a whole self-evaluation's fund row asked ("预算执行率这一项得了几分", "资金执行得分多少")
_FUND_SCORE = re.compile(r"(?:预算执行|执行率|资金执行|预算资金)[^，,。？?]{0,6}?(?:得分|几分|多少分|得了)")
# a budget named as a whole ("本级预算", "部门的总预算"), and the names its stated change is printed under (收支预算…)
_WHOLE_BUDGET_NAMED = re.compile(r"(?:本级|部门|单位|机关)?(?:收支|总|收支总)?预算(?:总额|总数|规模)?")
_WHOLE_BUDGET_ROW = re.compile(r"(?:本?(?:部门|单位))?(?:收支|收入[和、]?支出|收入|支出)?(?:总)?预算(?:总额|总规模|总计|合计)?"
                               r"(?:[\d,.]+万?元)?")  # (a statement's name may end with its amount)
# a budget asked as a whole, nothing but the unit, year and scope named ("宣传部本级的预算是多少"): its 收支总预算
_WHOLE_BUDGET = re.compile(r"[\s的]*(?:本级|部门|单位)?的?(?:总)?预算(?:数|总额|总数|规模)?(?:一共|总共|合计|共|加起来)?(?:是|有|为)?"
                           r"(?:多少钱?|几)[？?。]?")
# what was actually spent, asked in words ("实际花了", "用了多少", "决算"): no budget stands in for it
_SPENT = re.compile(r"实际|花了|花掉|用了|用掉|支出了|开支了|决算|执行")
# a kind of vehicle named by its use ("救护车", "执法车", "应急保障用车"), not vehicles as such (车, 公车, 公务用车)
_VEHICLE_KIND = re.compile(r"(?<![\u4e00-\u9fff])(?P<kind>(?!(?:一般)?公务用车|公车|公用车|用车)[\u4e00-\u9fff]{2,8}?车)(?!辆)")
_COUNT_KEYS = ("reception_batches", "reception_persons", "vehicles_in_service", "vehicles_total")
_COUNT_ASKED = re.compile(r"(?:多少|几)(?:家|个(?!百分点|点)|人|次|批|件|份|户|场|期|项)")
# words asking for a project's money or score rather than one of its indicators
_PROJECT_MONEY = re.compile(r"预算|执行|花了|用了|得分|几分|多少分|评分|多少钱|资金")
# each of a department's units asked ("下面各个学校和幼儿园的预算分别是多少", "各单位分别多少", "下属单位各花了多少")
_EACH_UNIT = re.compile(r"(?:各|每)(?:个|家|所)?(?:下属|所属)?(?:单位|学校|小学|中学|幼儿园|医院|卫生院|站(?!点)|所(?!以|有))|"
                        r"(?:下属|所属|二级)(?:各)?(?:单位|学校)")
# the place a unit's full name opens with ("蓼汀区", "霁川市蓼汀区", "杳埠镇")
_PLACE_HEAD = re.compile(r"(?:[\u4e00-\u9fff]{1,8}?(?:省|自治区|市|州|盟|地区|区|县|旗|镇|乡|街道)){1,3}")
# the words of a question asking a unit's totals, and nothing else ("实验小学今年的预算一共是多少钱？")
_TOTALS_WORDS = re.compile(r"今年|去年|前年|上年|本年|明年|\d{4}年度?|部门|单位|机关|本级|本身|自身|自己|单独|的|是|有|了|吗|呢|那|多少钱?|几|"
                           r"一共|总共|合计|下面|下属|所属|旗下|里面|"
                           r"共|总|预算|决算|收入|支出|花|用|经费|资金|钱|万元|安排|实际|数|额|情况|全年|整个|一年|这个|具体|大概|到底|"
                           r"[？?，,。！!、\s]")
# a count or an amount per person asked ("按多少名学生", "每生每年多少钱", "生均")
# a member unit's change against last year stated after its name ("比上年减少35.60万元"), and a why asked of it
_MEMBER_CHANGE = re.compile(r"(?:比|较|与|同)(?:上年|上一年|去年|\d{4}年)[^。；;]{0,16}?(?:增加|减少|增长|下降|持平|基本持平)")
_MEMBER_WHY = re.compile(r"为什么|为啥|为何|原因|怎么(?:会)?(?:增|减|多|少|涨|降)")
# people counted ("有多少在职人员", "几名退休人员")
_PEOPLE_ASKED = re.compile(r"(?:多少|几)(?:名|位|个)?(?:在职|在编|退休|离退休|实有|编制内?|工作|临聘|编外)(?:人员|人数|人)|"
                           r"(?:在职|在编|退休|离退休|实有|编外|临聘)(?:人员|人数)(?:有|是|共|一共|总共)?(?:多少|几)")
_COUNT_OR_EACH = re.compile(r"多少名|几名|多少人|几个人|多少个|每生|每人|每名|人均|生均|标准")
# a clause saying what a 项's money was ("决算数为年中追加的普惠托育…补助资金"), not why it changed or a list of uses
_WHAT_IT_WAS = re.compile(r"^(?:年初预算数?|决算数?|支出|资金|该项|此项|本项)?(?:主要|全部|均)?(?:为|是)(?!.*原因)")
# a part of a unit's money (a column of a table listed by unit), not its total
_PART_COLUMN = re.compile(r"拨款|基金|事业收入|经营收入|上级补助|附属单位|其他收入|人员经费|公用经费|基本支出|项目支出|结转|"
                          r"财政|三公|公务|工资|福利")
# kinds of unit a question may name, and the ends of the names of units of that kind
_UNIT_KINDS = {"学校": ("小学", "中学", "学校"), "小学": ("小学",), "中学": ("中学",), "幼儿园": ("幼儿园",),
               "医院": ("医院",), "卫生院": ("卫生院",)}
# a part of a year asked ("今年上半年实际花了多少", "一季度执行了多少"): budgets and final accounts print whole years
_PART_OF_YEAR = re.compile(r"[上下]半年|(?:第?[一二三四1-4]|前[两三二])季度|前[两三四五六七八九十\d]{1,2}个月|1[-—~至到]\d{1,2}月")
# spending asked in everyday words with no figure named ("花了多少", "开支多少", "实际支出多少")
_SPENT_ASKED = re.compile(r"花了?多少|开支了?多少|(?:实际|全年|一共|总共|共)?支出了?(?:是|为|有)?多少|花销|一年到头")
# words around a unit's whole spending asked ("一年下来最后实际花出去多少"): they name no thing of its own
_NO_THING = re.compile(r"最后|最终|下来|花出去|出去|一年|全年|整年|到头|实际|本身|自己|全部|所有|加起来|算下来|总体|整体|整个|本级|"
                       r"机关|局里|院里|委里|单位|部门|全[院局所委办县区市镇]|一共|总共|合计|总计|开支|花销|花费|具体|大概|到底|"
                       r"究竟|一下|这些|那些|里面|方面|[在上搞把给对就还都共总啊呀吧哈]")
# a unit inside another, as its name ends ("梅坞人民法庭", "城东敬老院", "第二中队"); not a share ("占全部")
_PART_UNIT = re.compile(r"^(?![占比全总各每其])[\u4e00-\u9fff]*(?:法庭|所|站|院|馆|中心|队|学校|小学|中学|幼儿园|分局|办事处)$")
# a unit's own money asked right after its name ("…人民法庭单独花了多少钱", "…中心的预算是多少")
_ITS_OWN_MONEY = re.compile(r"^的?(?:单独|自己|本身|自身)?(?:的)?(?:去年|今年|前年|上年|本年|\d{4}年度?)?(?:的)?"
                            r"(?:一共|总共)?(?:项目|基本|人员|公用|本年|财政拨款|一般公共预算)?"
                            r"(?:花了|花费|用了|支出|收入|预算|决算|经费|开支|多少钱|三公)")
# money per a measure of things other than people and vehicles ("每吨多少钱", "每亩补多少")
_PER_THING = re.compile(r"每(?:一|个)?(?P<m>吨|亩|户|平方米|公里|千米|立方米|株|头|只|套|台|件|场|所|家|床)")
# a breakdown asked by a thing the rows may not be ("各个村分别花了多少", "每个学校各分到多少")
_BREAKDOWN = re.compile(r"(?:各个|每一?个)(?P<x>[\u4e00-\u9fff]{1,6}?)(?:分别|各自|各|都)")
_ROW_OF_SCORE = re.compile(r"得分|几分|多少分|评分|打分|等级|评价结果")
_WHY_NONE = re.compile(r"(?:为什么|为啥|为何|怎么)(?:会)?(?:没有|没|无|不安排|未安排|是0|为0|为零|是零)")
_SCORE_ONLY = re.compile(r"得分|几分|多少分|评分")  # (an indicator's row has its 得分 too)
# pairs of characters that name no project on their own (项目, 经费, 资金…)
_GENERIC_GRAMS = {"项目", "经费", "资金", "专项", "工作", "补助", "建设", "管理", "监管", "业务", "保障", "费用", "支出"}
# words of a change ("比上年少了多少", "跟去年比怎么样"); 多少 alone asks an amount, not a change
_CHANGE_WORDS = re.compile(r"[增减涨降]|多(?!少)|(?<!多)少|变化|怎么样|比较|相比|对比|比(?![例重])")
# how much a figure rose or fell, no base named ("下降了百分之多少", "减少了多少", "增长了几成")
_CHANGED_BY = re.compile(r"(?:增加|减少|下降|增长|上升|降低|少了|多了|降了|涨了|减了|增了)了?(?:多少|百分之|几)")
# a base other than last year ("比预算少了多少", "与年初预算相比")
_OTHER_BASE = re.compile(r"(?:比|较|与|跟|和)(?:年初|全年|调整后)?预算|预算数?(?:相比|比)")
# a comparison with the year before ("比上年", "比去年", "比23年", "同比")
_LAST_YEAR = re.compile(r"(?:比|较|与|同)(?:上年|上一年|去年|前一年|(?:20)?\d\d年)|同比|上年|去年")
# questions about the evaluation of a unit's projects as a whole: how many, how many of each grade, the average
_EVALUATED = re.compile(r"(?:多少|几)个项目|涉及[^，。？?]{0,4}?(?:资金|金额|预算)|项目(?:有|一共|共)?(?:多少|几)个|个数|各有几个|优[、，,]?良|平均(?:多少|几)?分|平均得分|"
                        r"(?:自评|评)为?[“\"]?[优良中差][”\"]?.{0,12}(?:哪|什么)")
_ASKS_USE = re.compile(r"用于(?:什么|哪|啥)|用途|干什么|做什么用|干啥|用来|花在(?:哪|什么)|用在(?:哪|什么)|拿来做|是做什么的")
_ASKS_ANALYSIS = re.compile(r"改进措施|整改措施|管理建议|下一步|(?:怎么|如何|怎样)(?:改进|整改|改(?!革|造|建|善|变|制))|存在(?:的|哪些|什么)?问题|发现(?:的|了)?(?:什么|哪些)?问题|"
                            r"主要问题|(?:哪些|什么|哪几个|有何)(?:问题|不足)|问题(?:有|是)(?:哪些|什么)|"
                            r"经验做法|主要经验|取得(?:了|的)?(?:什么|哪些)?成效")
_AGAINST_BUDGET = re.compile(r"年初预算.{0,12}(?:决算|差|比|完成|百分之|%)|(?:决算|实际).{0,8}年初预算|完成了?(?:年初)?预算|预算完成|"
                             r"完成了?百分之|"
                             r"(?:比|较|与)年初预算|预算执行了?(?:百分之|多少|几)|"
                             r"差异率|预决算")
_FUNDS = ("政府性基金", "国有资本经营")  # funds a unit often has none of, and says so in words
_DOC_WORDS = {DocType.budget: "预算", DocType.final_accounts: "决算", DocType.performance_target: "绩效目标表",
              DocType.performance_self_eval: "绩效自评表"}
PROJECT_FIELD_LABELS = {"budget": "预算", "actual": "全年执行数", "execution_rate": "执行率", "score": "自评得分"}


def _budget_named(name: str) -> str:
    """A stated change's name as its last figure's words, without the unit it opens with ("区卫生健康委员会（本级）收入
    预算总计1286.40万元，支出预算总计1286.40万元" → 支出预算总计1286.40万元)."""
    last = re.split(r"，|,(?!\d{3})", name)[-1]  # (not the thousands' comma of its amount: 1,634.80万元)
    return re.sub(r"^[\u4e00-\u9fff]{2,30}?(?:[(（]本级[)）]|委员会|局|办公室|部|中心|政府|办事处|院|所)(?=收|支|预算|总)", "", last)


def _in_place(member: str, department: str | None) -> str:
    """A member's name as it is in its department's place: "区疾病预防控制中心" (its level word alone) or "苎溪街道社区卫生
    服务中心" (no place above it) of 琮阳市濂屿区卫生健康委员会 → 琮阳市濂屿区…; the name itself when it has a place of
    its own or the department none."""
    place = _PLACE_HEAD.match(re.sub(r"^(?:中共|中国共产党)", "", department or ""))
    if place is None or _PLACE_HEAD.match(member) and not re.match(r"(?:区|县|市|镇|乡)(?!级)", member):
        return member
    head = place.group(0)
    if re.match(r"区|县|市|镇|乡", member):  # (its level word alone: the department's place at that level)
        at = head.rfind(member[0])
        return head[:at] + member if at >= 0 else member
    return head + member


def _asks_change(question: str) -> bool:
    """Whether the question asks how a figure changed against last year ("比上年少了多少", "跟去年比增加了吗"), or
    how much it rose or fell with no base named ("公务接待费下降了百分之多少": against last year, as documents say)."""
    return bool(_LAST_YEAR.search(question) and _CHANGE_WORDS.search(question)
                or _CHANGED_BY.search(question) and not _OTHER_BASE.search(question)
                and not re.search(r"比|较|相比|对比|与.{1,12}相", question))  # (A比B少了多少: B is the base)


def _marks_row(name: str, question: str) -> bool:
    """Whether the question names a row as such: quoted (“其他交通费用”), with its level (食品安全监管（项）) or its
    code (福利费（302-29）)."""
    return bool(re.search(rf"“{re.escape(name)}”|{re.escape(name)}[(（](?:\d*[类款项]|[\d\-－ ]+)[)）]", question))


def _printed_rate(budget: Figure, actual: Figure) -> str | None:
    """A completion rate the document prints beside the two figures ("完成年初预算的95.45%"), if any."""
    for f in (actual, budget):
        m = re.search(r"(?:完成|占|为)[^。；;]{0,12}?(?:预算|年初)[^。；;]{0,6}?的?(\d+(?:\.\d+)?%)", f.citation.quote)
        if m:
            return m.group(1)
    return None


_ASKS_SHARE = re.compile(r"占比|比例|比重|百分之几|百分比|占多少|占了多少|所占|占.{0,8}的?(?:多少|几成)|"
                         # ("中小企业拿了百分之多少"; not a completion or a change: "完成预算的百分之多少")
                         r"^(?![^？?]*(?:完成|执行|增长|下降|增加|减少|提高|降低|增幅|降幅|涨|降))[^？?]*百分之多少")


def _without_furniture(quote: str) -> str:
    """A quote read without the page break it may span: a page-number line ("第 4 页 共 5 页") and the running header or
    footer line next to it (a short line with no sentence in it)."""
    lines = quote.split("\n")
    marks = {i for i, t in enumerate(lines) if PAGE_LINE.fullmatch(t.strip())}
    near = {j for i in marks for j in (i - 2, i - 1, i + 1, i + 2)}
    return "".join(t for i, t in enumerate(lines) if i not in marks and not (
        i in near and 0 < len(t.strip()) <= 40 and not re.search(r"[。，,；;：:]", t)))


def _stated_share(f: Figure) -> str | None:
    """The share the document prints right after a figure ("…655.56万元，占政府采购支出总额的52.77%")."""
    digits = r",?".join(re.escape(d) for d in str(f.value).replace(",", ""))
    m = re.search(rf"(?<![\d.]){digits}(?![\d])\s*(?:万元|元|亿元)?[，,、]?\s*(占[^。；;，,%]{{0,24}}?的?\s*\d+(?:\.\d+)?\s*[%％])",
                  _without_furniture(f.citation.quote))
    return re.sub(r"\s+", "", m.group(1)).replace("％", "%") if m else None


def _figure_said(f: Figure, contradicting: list[Figure], question: str) -> str:
    """"label为value", with the contradicting figures noted and, when a share is asked, the share printed after it."""
    said = f"{label(f.key)}为{_fmt(f)}{contradiction_note([f], contradicting)}"
    if f.unit == "万元" and re.search(r"(?:多少|几)(?:块钱|元)|(?<!万)元[？?]?$", question):  # ("预算多少元")
        said += f"（合{(f.amount() * 10000).quantize(Decimal('0.01'))}元）"
    if _ASKS_SHARE.search(question) and f.unit != "%" and (share := _stated_share(f)):
        said += f"，{share}"
    return said


def _against_earlier(n1: str, v1: Decimal, n2: str, v2: Decimal, unit: str) -> str:
    """Two years compared: the later year's change against the earlier one, as a rate of the earlier ("2022年比2019年
    减少38.43万元，下降13.74%"), the way "比…少了百分之几" is meant; "" unless both names are years."""
    y1, y2 = re.match(r"(\d{4})年", n1), re.match(r"(\d{4})年", n2)
    if not (y1 and y2) or y1.group(1) == y2.group(1) or not v1 or not v2:
        return ""
    (early, ev), (late, lv) = sorted([(y1.group(1), v1), (y2.group(1), v2)])
    change = (lv - ev).quantize(Decimal("0.01")) if unit == "万元" else lv - ev  # (a count in its own unit: 辆, 人)
    rate = (abs(change) / ev * 100).quantize(Decimal("0.01"))
    return f"；{late}年比{early}年{'增加' if change > 0 else '减少'}{abs(change)}{unit}（{'增长' if change > 0 else '下降'}{rate}%）"


def _with_share(question: str, figs: list[Figure], said: list[str]) -> list[str]:
    """The figures' words, or, when one's share of the other is asked ("人员经费占基本支出的比例"), each figure and that
    share (not each one's share of something else)."""
    share = _share_between(question, figs)
    return [f"{label(f.key)}为{_fmt(f)}" for f in figs] + [share] if share else said


_AMOUNT_CLAUSE = re.compile(r"(?P<words>[^，,。；;：:、\d]{2,20}?)(?:为|是|共|合计|达)?\s*(?P<num>\d[\d,]*(?:\.\d+)?)\s*万元")


def _amount_named(text: str, words: str) -> tuple[Decimal, str] | None:
    """The amount of ``text`` whose words before it hold most of ``words``' pairs of characters (at least half), with
    those words ("年中追加预算1,445.80万元" for "年中追加的预算"); None when none does."""
    pairs = _char_pairs(re.sub(r"的|\s", "", words))
    scored = [(_share_in(pairs, m.group("words")), m) for m in _AMOUNT_CLAUSE.finditer(text)]
    best = max(scored, key=lambda t: t[0], default=(0.0, None))
    if best[0] < 0.5:
        return None
    m = best[1]
    return Decimal(m.group("num").replace(",", "")), re.sub(r"数$", "", m.group("words").strip())


def _share_between(question: str, figs: list[Figure]) -> str:
    """"A占B的比例" with both figures found: A's share of B, as the document prints it after A ("占基本支出的89.92%"),
    else computed from the two; "" when the question asks no share of one in the other."""
    at = question.find("占")
    if len(figs) != 2 or at < 0 or not _ASKS_SHARE.search(question):
        return ""
    before, after = metric_keys(question[:at], generic=False), metric_keys(question[at:], generic=False)
    part, whole = (figs[0], figs[1]) if figs[0].key in before or figs[1].key not in before else (figs[1], figs[0])
    within = re.search(r"(?:当中|之中|其中|里面?|中)(?!.*(?:当中|之中|其中|里|中))", question[:at])
    outer = metric_keys(question[:within.start()], generic=False) if within and not after else []
    three = {"three_public_actual", "three_public_budget"}  # (the 三公 money asked is its budget's in a budget)
    named = [f for f in figs if len(outer) == 1 and (f.key == outer[0] or {f.key, outer[0]} <= three)]
    if len(named) == 1:
        # "三公经费中公务接待费占多少比例": the part's share of the whole it is named within
        whole, part = (figs[0], figs[1]) if figs[0] is named[0] else (figs[1], figs[0])
    elif whole.key not in after:
        return ""  # ("各占多少": each one's share of what the document says, not one of the other)
    printed = _stated_share(part)
    # the share printed after the part: of the whole it names, or of the whole its sentence opens with ("支出预算77.37
    # 万元,其中:基本支出74.87万元,占96.8%")
    if printed and (_plain(label(whole.key))[:4] in _plain(printed) or re.match(r"占\s*\d", printed)
                    and str(whole.value) in part.citation.quote.replace(",", "")):
        return f"{label(part.key)}{printed}（文件所载）"
    a, b = part.in_wanyuan(), whole.in_wanyuan()
    if not a or not b:
        return ""
    computed = f"{label(part.key)}占{label(whole.key)}的{(a / b * 100).quantize(Decimal('0.01'))}%（计算所得）"
    opening = re.search(r"([\u4e00-\u9fff]{2,10}?(?:合计|总计|总额))\s*[\d,.]+\s*万元", part.citation.quote)
    if printed and re.match(r"占\s*\d", printed) and opening:  # (the share its sentence prints is of the total the
        # sentence opens with, "本年收入合计1401.16万元，其中：财政拨款收入1131.66万元，占80.77%": said, with the asked one)
        of = re.sub(r"^年度?", "", opening.group(1))
        return f"{label(part.key)}{printed.replace('占', f'占{of}的', 1)}（文件所载）；{computed}"
    return computed


def _combined(answers: list[Answer]) -> Answer:
    """One answer per unit, joined: the answered ones, each with its own figures and citations."""
    kept = [a for a in answers if a.answerable] or answers[:1]
    return Answer(answer="\n".join(a.answer for a in kept), answerable=kept[0].answerable, intent=kept[0].intent,
                  figures=[f for a in kept for f in a.figures], citations=[c for a in kept for c in a.citations],
                  nearest=[c for a in kept for c in a.nearest], reasons=[r for a in kept for r in a.reasons])


def _named_of(question: str, names: set[str], min_share: float = 0.0) -> str | None:
    """The project of ``names`` the question names: the most pairs of characters shared, then their share (at least
    ``min_share`` of the project's own pairs)."""
    best, best_score = None, (0, 0.0)
    for name in sorted(names):
        # a year, a code or a bracketed note ("(政策资金)") names no project
        named = re.sub(r"\d+年度?|[(（][^()（）]*[)）]", " ", name)
        grams = _char_pairs(*re.sub(r"[^\u4e00-\u9fff]", " ", named).split()) - _GENERIC_GRAMS
        # (a number or code of its name, "12345热线", weighs as two pairs: people keep it when they shorten the name)
        codes = re.findall(r"[A-Za-z0-9]{3,}", named)
        shared = sum(1 for g in grams if g in question) + 2 * sum(1 for c in codes if c in question)
        score = (shared, shared / max(1, len(grams) + 2 * len(codes)))
        if score > best_score:
            best, best_score = name, score
    return best if best_score[0] >= 2 and best_score[1] >= min_share else None


_NEXT_PROJECT = r"[，,；;]\s*“[^”]{2,40}”项目"


def _own_clause(sentence: str, reason: str, project: str) -> str:
    """The part of a stated reason about ``project``: one sentence often explains several projects
    (“甲”项目自评为“中”的主要原因是…，“乙”项目自评为“差”的主要原因是…)."""
    base = re.escape(project.removesuffix("项目"))
    m = re.search(rf"“?{base}”?项目[^，,。；;]{{0,20}}原因是(.+?)(?={_NEXT_PROJECT}|[。；;]|$)", sentence)
    return m.group(1) if m else re.split(_NEXT_PROJECT, reason, maxsplit=1)[0]


_AMOUNT = re.compile(r"(?<![\d.])(\d[\d,]*(?:\.\d+)?)\s*万元")


def _amount_of(r: Reason) -> str | None:
    """The amount a reason's own sentence states for what it explains, before the reason ("项目支出622万元，比上年增加
    165万元…主要原因是…" → 622万元): the first amount that is not the change and not a budget set against it."""
    head = _before_marker(r)
    for m in _AMOUNT.finditer(head):
        value = m.group(1).replace(",", "")
        if r.change and value == r.change.removesuffix("万元") or re.search(r"(?:年初|调整后?|全年)预算(?:数)?(?:为|是)?$|预算数(?:为|是)?$", head[:m.start()]) \
                or re.search(r"(?:增加|减少|增长|下降|上升|降低)$", head[:m.start()]):
            continue
        return f"{value}万元"
    return None


def _wanyuan(amount: str) -> float:
    """"813.05万元" → 813.05; an amount in 元 in 万元."""
    value = float(re.sub(r"[^\d.]", "", amount) or 0)
    if re.search(r"亿元?$", amount):
        return value * 10000
    return value / 10000 if amount.endswith("元") and not amount.endswith("万元") else value


def _row_name(m: re.Match) -> str:
    """The row a "…万元，主要用于…" sentence is about: its last classified name (…（项）), else its words before the
    amount without a column's words (社会保障和就业支出年初预算 → 社会保障和就业支出)."""
    named = re.findall(r"([\u4e00-\u9fff、]+)[（(][类款项][）)]", m.group("row"))
    return named[-1] if named else _ROW_BUDGET_WORDS.sub("", m.group("row").strip("“”\"0123456789.、 "))


def _use_said(chunk: Chunk, m: re.Match, name: str) -> Answer:
    """A row's use as printed from its name on ("“…支出”175.80万元，主要用于…"): its amounts, then what it is for."""
    c = chunk.citation
    at = m.group("row").rfind(name)
    said = m.group(0)[at + len(name):] if at >= 0 else m.group(0)[len(m.group("row")):]
    said = re.sub(r"^[(（][项款类][)）]|^[“”\"]", "", said).lstrip("“”\"")
    return Answer(answer=f"{c.unit or ''}{c.year or ''}年“{name}”{said.rstrip('。')}。", answerable=True, intent="reason",
                  citations=[c], reasons=[m.group("use")])


def _whole_before(r: Reason, key: str) -> str:
    """The sentence before a part's reason that states the change of the whole ``key`` and lists its parts ("“三公”
    经费比上年增加6.74万元，其中：…"), "" when it does not: the parts' reasons are the whole's."""
    last = re.split(r"(?<=。)", (r.before or "").strip())
    said = next((t for t in reversed(last) if t.strip()), "")
    # (a 三公 item's reason right after the whole's change, its list opening a sentence of its own: "…比上年减少3.64
    # 万元。其中：…；公务用车运行维护费…，主要原因是…")
    part = key == "three_public_actual" and r.key in THREE_PUBLIC_ITEMS
    change = re.search(r"(?:增加|减少|增长|下降)[^，。]*?万元" + (r"[^。]*?(?:其中|。?$)" if part else r"[^。]*其中"), said)
    return said if change and names_metric(_ACTUAL_OF.get(key, key), said[:change.start()]) else ""


def _named_by(label_text: str) -> list[str]:
    """The vocabulary keys a printed label names, a joined label for each of its parts ("公务用车购置及运行费": 公务用车
    购置费 and 公务用车运行费)."""
    joined = re.match(r"(.{2,8}?)(购置|购买)(?:及|和|与)(.+)$", label_text)
    parts = [label_text] + ([joined.group(1) + joined.group(2) + "费", joined.group(1) + joined.group(3)] if joined else [])
    return [k for p in parts for k in metric_keys(p, generic=False)]


def _analysis_asked(question: str, rows: list[LineItem]) -> list[LineItem]:
    """The written rows of a project's self-evaluation a why asks for: its 改进措施 when measures are asked, its
    问题 when problems are, else its 问题及原因分析 (and its 预算执行 analysis when money is asked); one of each."""
    asked = [w for q, w in ((r"问题|不足", r"问题|不足"), (r"措施|建议|改进|整改|下一步|怎么改|如何改", r"措施|建议"),
                            (r"成效|成绩|效果", r"成效"), (r"经验|做法", r"经验")) if re.search(q, question)]
    if r"措施|建议" in asked and not re.search(r"(?:主要|存在的?|发现的?|哪些|什么|有何)(?:问题|不足)", question):
        asked = [w for w in asked if w != r"问题|不足"]  # ("近视问题打算如何改": how the problem is put right)
    want = "|".join(asked) or r"原因" + (r"|预算执行" if re.search(r"执行|花|没用|结余|偏低|资金|预算", question) else "")
    # a row that states the numbers the question does ("招标21家为什么只完成17家": its 实际完成情况) comes first
    numbers = [n for n in re.findall(r"(?<![\d.])\d+(?:\.\d+)?", question) if not re.fullmatch(r"20\d\d", n)]
    told = [i for i in rows if numbers and all(re.search(rf"(?<![\d.]){re.escape(n)}(?![\d])", i.reason or "")
                                                 for n in numbers)]
    picked = told + [i for i in rows if re.search(want, i.name) and (i.reason or "") not in ("无", "无。")]
    return list({i.name: i for i in picked}.values())[:2]


# a why asked against the budget ("和预算一样", "没完成年初预算", "为什么超预算")
_WHY_AGAINST_BUDGET = re.compile(r"预算(?:有|存在|之间)?(?:一样|一致|相同|差|多(?!少)|少|完成|执行|出入|偏差)|年初预算|预决算|"
                                 r"(?:超|完成|没完成|未完成|没达到|达不到|[小大低高]于)(?:出|过)?(?:全年|年初)?预算|"
                                 r"没花完|没用完|超支")
# the figures that are the department's spending as a whole (what a gap from "the budget" means when none is named)
_OVERALL = {"gpb_expenditure", "expenditure_current_year", "expenditure_grand_total", "fiscal_grant_expenditure_total",
            "fiscal_grant_income_total", "fiscal_appropriation_income", "income_current_year", "income_grand_total"}
_BUDGET_GAP = re.compile(r"年初预算|预决算|完成(?:全年|年初)?预算|[小大]于预算|预算(?:执行|完成)|决算数?[小大]于|决算数?与预算")


def _before_reason(text: str) -> str:
    """The words right before a text's reason marker (what the reason is given for)."""
    flat = re.sub(r"\s+", "", text)
    m = REASON_MARKER.search(flat)
    return flat[max(0, m.start() - 24):m.start()] if m else ""


def _explains_gap(r: Reason) -> bool:
    """Whether a reason is given for the gap between a figure and its budget: the words right before its marker say so
    ("…预决算差异率0.97%，主要原因是", "决算数小于预算数的主要原因"), not only a sentence that also states the share of
    the budget completed before giving last year's change ("完成全年预算的100.00%，比上年度减少9.59万元，主要原因是")."""
    return bool(_BUDGET_GAP.search(_head_of(r)[-24:]))


def _before_marker(r: Reason) -> str:
    """A reason's sentence up to its marker (主要原因是…): what it says the reason is of."""
    m = REASON_MARKER.search(r.sentence)
    return r.sentence[:m.start()] if m else r.sentence


def _head_of(r: Reason) -> str:
    """What a reason's sentence says before its marker (the sentence before, when it begins with the marker)."""
    head = _before_marker(r)
    return head if head.strip() else (r.before or "")


def _same_money(key: str) -> set[str]:
    """The vocabulary figures that are one sum with ``key`` but for the year's carry-over: 本年财政拨款收入 and
    财政拨款收入总计, 本年收入合计 and 收入总计 (a reason given for the one explains the other)."""
    def money(k: str) -> str:
        return re.sub(r"^本年|总计$|合计$", "", label(k))
    return {k for k in FIGURE_KEYS if money(k) == money(key)}


def _explains(r: Reason, key: str) -> bool:
    """Whether a reason's sentence is about the figure ``key``: its label names it, or the sentence names it before a
    reason marker ("…；公务接待费减少0.62万元，主要原因是…"), not only inside a reason ("…政府采购流程未及时完毕"), or it
    begins with the marker and the sentence before names it."""
    core, own = _plain(label(key)), _plain(r.label or "")
    # a label of both sides (收入支出总体, 收支总计) names the income's figure and the spending's
    owns = {own} | {re.sub(r"收入支出|收支", side, own).replace("总体", "总计") for side in ("收入", "支出")}
    if own and any(o in core or core in o or key in _named_by(o) for o in owns):
        return True
    text = _plain(r.sentence)
    at = text.find(core)
    if at >= 0 and REASON_MARKER.search(text, at) is not None:
        return True
    return bool(REASON_MARKER.match(r.sentence.strip())) and core in _plain(r.before or "")  # ("…支出总计减少68.13万元。主要原因是…")


_BUDGET_STATED = (("年初预算", re.compile(r"年初预算(?:数)?(?:为|是)?(\d[\d,]*(?:\.\d+)?)\s*万元")),
                  ("完成年初预算的", re.compile(r"完成(?:年初)?预算的?(\d[\d,]*(?:\.\d+)?%)")))


def _against_budget(r: Reason) -> str:
    """The 年初预算 and the share of it completed that a reason against the budget states before it ("年初预算为10210.34万元，
    支出决算为9746.50万元，完成年初预算的95.45%。决算数小于预算数的主要原因…")."""
    if "预算" not in _before_marker(r):
        return ""
    # (its own sentence's first: the sentence before may be another row's, "2.…审计业务（项）：年初预算为245.00万元…")
    found = [(what, m.group(1)) for what, p in _BUDGET_STATED if (m := p.search(r.sentence) or p.search(r.before or ""))]
    return "，".join(f"{what}{v}" + ("" if v.endswith("%") else "万元") for what, v in found)


def _fmt(f: Figure) -> str:
    """The figure as printed; a large amount printed in 元 also in 万元 (rounded to the cent of 万元)."""
    if f.unit == "元" and abs(f.amount()) >= 10000:
        return f"{f.value}元（合{f.in_wanyuan().quantize(Decimal('0.01'))}万元）"
    return f"{f.value}{f.unit}"


def _budget_missing(question: str, doc: DocRecord, found: LineAnswer) -> bool:
    """Whether a row's 预算 is asked (一般公共预算 names a fund, not a budget) and only a 决算 prints the row, with no
    budget column: its 决算 figure is shown, but the budget is not in the archive."""
    asked = re.search(r"预算", FUND_NAMES.sub("", question)) and not re.search(r"决算|实际|花了|执行", question)
    return bool(asked) and doc.doc_type == DocType.final_accounts and found.item.kind not in (
        "indicator", "overall", "count", "three_public", "vs_budget", "change") and not any(
        "预算" in (a.column or "") for a in found.item.amounts) and "预算" not in FUND_NAMES.sub("", found.text)


def _names_its_table(item: LineItem) -> bool:
    """Whether an indicator is named as its project is ("执法办案经费" in 执法办案经费项目支出绩效目标表): naming the
    project does not name that indicator."""
    return item.kind == "indicator" and _plain(item.name) in _plain(item.table or "")


# a why about the document's money as a whole ("今年预算为什么比去年增加了", "决算支出为啥减少"): once the asking, the
# change and the time are taken out, only words for all of the money are left
_WHY_WORDS = re.compile(r"[\s？?！!。，,]|为什么|为啥|什么原因|原因是?什么|原因|怎么|咋|与?比?(?:去年|上年|前年|今年|本年|上一年)"
                        r"(?:相比|比)?|(?:增加|减少|增长|下降|上升|多|少|涨|降|变化|变动|有变化)了?|这么|那么|了|呢|吗|啊|的|"
                        r"部门|单位|整体|总体|总的|一共|全部")
_ASKS_WHOLE = re.compile(r"(?:预算|决算|收入|支出|收支|经费|钱|花的钱|开支|资金|总额|总计|规模)+")


def _whole_asked(about: str) -> list[str]:
    """The totals' keys when a why asks about the document's money as a whole, else none."""
    return ["income_grand_total", "expenditure_grand_total"] if _ASKS_WHOLE.fullmatch(_WHY_WORDS.sub("", about)) else []


# what a why says besides the thing it asks about: the asking, the change, the time, money in general
_NOT_SUBJECT = re.compile(
    r"为什么|为啥|为何|什么原因|原因|是什么|是啥|什么|怎么|咋|会|要|是|因为|由于|导致|造成|主要|"
    r"比上年|比去年|与上年|较上年|同比|上年|去年|今年|前年|本年|当年|相比|比|和|跟|与|较|"
    r"增加|减少|增长|下降|上升|降低|变多|变少|多了|少了|多|少|高|低|大|小|涨|降|减|增|加|变|"
    r"这么|那么|大幅|明显|一些|不少|很多|较多|幅度|变化|变动|"
    r"花|钱|支出|收入|经费|资金|费用|预算|决算|年初|全年|完成|执行|没|超|部门|单位|本级|"
    r"\d{2,4}年度?|\d+(?:\.\d+)?\s*(?:万元|万|元|亿|%)?|[一二两三四五六七八九十百千几]+[十百千万亿]+多?(?:万元|元)?|年度|了|的|呢|啊|吗|吧|这|那|个|项|\W")


# a thing asked as a part of a project or row ("…项目里扬尘在线监测设备具体花了多少钱")
_PART_WITHIN = re.compile(r"[\u4e00-\u9fff]{2}(?:里面?|当中|之中)(?P<part>[\u4e00-\u9fff]{3,16}?)(?:具体|一共|总共|大概|分别|各)?"
                          r"(?:花了|用了|支出了?|安排了?|投入了?|拨付?了?|是)多少")
# money asked of such a part (not a count or a size: "绩效目标里维修面积是多少平方米")
_MONEY_ASKED = re.compile(r"花了|用了|支出|安排|投入|拨|钱|万元")
# a thing of its own a sum is asked of ("培训费", "慰问金", "补助资金"), which the year's whole spending is not
_MONEY_NOUN = re.compile(r"..(?:费|资金|补助|补贴|慰问金|奖金)$")


def _years_asked(parsed: ParsedQuestion, known_years: list[int]) -> list[int]:
    """The years a question asks about; only a base before last year named ("比前年多了多少") asks the year after it
    against it, as the documents compare, when that year's document is held."""
    if not parsed.years and parsed.base_year is not None and parsed.base_year + 1 in known_years:
        return [parsed.base_year + 1, parsed.base_year]
    return list(parsed.years)


def _subject_asked(about: str) -> str:
    """The thing a why asks about when the vocabulary has no key for it ("退休费为什么增加" → 退休费), "" when it
    names nothing but money in general ("支出为什么减少")."""
    rest = _NOT_SUBJECT.sub(" ", about).split()
    return max(rest, key=len) if rest and len(max(rest, key=len)) >= 2 else ""


def _says_about(r: Reason, subject: str, gap: bool = False) -> bool:
    """Whether a reason's label, the words before its marker or the sentence before name ``subject`` (its money words
    aside); for a gap from the budget, its reason's own words too ("城乡社区支出（类）未完成年初预期…")."""
    last = next((t for t in reversed(re.split(r"(?<=。)", r.before or "")) if t.strip()), "")
    text = _plain(f"{r.label or ''}{_head_of(r)}{last}{r.reason if gap else ''}")
    core = re.sub(r"(?:缴费|费用|经费|费|支出|资金)$", "", subject) or subject
    if core in text:
        return True
    pairs = _char_pairs(core)
    return len(core) >= 4 and sum(p in text for p in pairs) >= 2 * len(pairs) / 3


def _char_pairs(*words: str) -> set[str]:
    """The pairs of adjacent characters of the words: what names are matched by when no word is typed whole."""
    return {w[k:k + 2] for w in words for k in range(len(w) - 1)}


def _subject_clause(name: str) -> str:
    """The last clause of a statement's words that names its subject, not another column of it or an aside ("“三公”经费
    预算6.20万元，实际支出4.86万元，完成预算的78.39%" → "“三公”经费预算6.20万元")."""
    clauses = [c for c in re.split(r"[，：:；;]|,(?!\d{3})", name) if c]  # (not inside 2,500.00)
    own = [c for c in clauses if not re.match(r"(?:完成|实际|执行|决算|支出决算|占|为|约|共)", c)]
    return (own or clauses or [name])[-1]


def _statement_name(name: str) -> str:
    """What a stated change is of, in its own words: its last clause without the unit and year before it and the
    column words after it ("某街道办事处2024年度“三公”经费财政拨款支出决算为" → "“三公”经费财政拨款支出")."""
    clause = re.sub(r"[\d,.]+万元$", "", _subject_clause(re.sub(r"[，,]?[\d,.]+万元$", "", name)))
    clause = re.sub(r"^.*?\d{4}年度?", "", clause) or clause
    return re.sub(r"(?:决算|预算)?数?(?:为|是)?$", "", clause) or clause


# what a row is for or who carries it out, asked ("主要做什么", "有什么用处", "由哪个单位实施")
_ASKS_WHAT_FOR = re.compile(rf"{_ASKS_USE.pattern}|主要(?:做|干|是)什么|(?:什么|啥)用处|用到(?:何处|哪)|(?:具体)?内容")
_ASKS_WHO = re.compile(r"哪个单位|哪家单位|谁(?:来)?(?:实施|负责|承担)|实施单位|由谁")


def _row_words(item: LineItem, question: str) -> str:
    """The words a table row prints beside its money, when asked: its description after its amounts (项目概述) and the
    unit carrying it out (实施单位, the row's first words after its name)."""
    if item.kind != "grid":
        return ""
    said = ""
    if _ASKS_WHO.search(question) and item.path and re.search(
            r"(?:局|委|办|中心|站|所|院|馆|处|队|校|园|会|部|室|街道|镇|乡)(?:[(（][^()（）]*[)）])?$", item.path[0]):
        said += f"；实施单位：{item.path[0]}"
    amounts = list(re.finditer(r"-?[\d,]+\.\d+%?", item.citation.quote))
    note = re.sub(r"\s+", "", item.citation.quote[amounts[-1].end():]) if amounts else ""
    if _ASKS_WHAT_FOR.search(question) and len(re.findall(r"[\u4e00-\u9fff]", note)) >= 6:
        said += f"；表中说明：{note.rstrip('。')}"
    return said


def _cars_together(figs: list[Figure]) -> str:
    """The two car fees asked as one ("公车花了多少", "公务用车购置及运行维护费"), both found in one document: their
    sum, said to be computed."""
    cars = {f.key: f for f in figs if f.key in ("vehicle_purchase", "vehicle_operation")}
    if len(cars) < 2 or len({f.citation.doc_id for f in cars.values()}) > 1 or any(
            f.in_wanyuan() is None for f in cars.values()):
        return ""
    return f"；两项合计（公务用车购置及运行维护费）{sum(f.in_wanyuan() for f in cars.values()):.2f}万元（计算所得）"


# a village or community the money went to ("给石桥村的…补助"): no row of the unit's is that place's
_RECIPIENT = re.compile(r"(?:给|向|对|为|在|到|帮)(?P<p>[\u4e00-\u9fff]{2,4}?(?:村|社区|小区))(?=的|[，,。？?]|$)")


def _named_alone(place: str, quote: str) -> bool:
    """Whether a text names a village by itself, not as one of a list ("红柳村、石桥村等8个村")."""
    text = re.sub(r"\s+", "", quote)
    return any(text[i - 1:i] not in ("、", "，", ",") and not re.match(r"[、，,]|等|和|及|与", text[i + len(place):])
               for i in (m.start() for m in re.finditer(re.escape(place), text)))


# a project's 绩效目标 asked whole, and a question about one of its measures instead ("目标是修几公里")
_GOAL_ASKED = re.compile(r"绩效目标|年度目标|绩效指标|目标是(?:什么|啥)|目标有(?:哪些|什么|啥)|(?:要|想)(?:达到|实现)(?:什么|哪些|啥)"
                         r"|(?:哪些|什么|啥)指标|指标(?:是什么|是啥|有哪些)")
_ONE_MEASURE = re.compile(r"多少|几[个项条次人座公家所名期批辆台套处]|是否|有没有|完成了|实际|得分|几分")
# a project named in a question ("新的社会阶层人士实践创新基地建设项目的绩效目标"), and a sentence stating its target
_PROJECT_PHRASE = re.compile(r"[“\"]?(?P<name>[\u4e00-\u9fff（）()]{4,40}?)[”\"]?(?:项目|工程)")
_PROJECT_NAMED = re.compile(r"[“\"]?(?P<name>[\u4e00-\u9fff（）()]{4,40}?)[”\"]?项目")  # (a project, not work done: 工程)
_GOAL_SAID = re.compile(r"绩效目标(?:为|是|[:：])|目标(?:为|是)")
# the form a project's indicators are printed in, after the project's name ("东湖中学校舍维修项目支出绩效目标表")
_FORM_OF = re.compile(r"(?:项目)?(?:支出)?绩效(?:目标|自评)(?:申报)?表$")


def _columns_asked(row: LineItem, named: list[str], question: str) -> list[LineAmount]:
    """A unit's row's amounts under the columns the question names; a 三公 table's first column (its 合计) when the
    三公 total is asked and no item; the row's first (its total) too when a part is asked with it ("收入预算多少？其中
    事业收入多少")."""
    said = [a for a in row.amounts if a.column in named]
    if not said and "三公" in question and "三公" in (row.table or ""):
        return row.amounts[:1]
    if said and "其中" in question and row.amounts[0] not in said:
        return row.amounts[:1] + said
    return said


def _rows_said(rows: list[LineItem]) -> str:
    """A unit's rows of tables listed by unit, each with its table and its amounts: 《表2 收入预算总表》中“某校”：合计…"""
    return "；".join(f"{'《' + r.table + '》中' if r.table else ''}“{r.name}”：" + "，".join(
        f"{a.column or '金额'}{a.value}{a.unit}" for a in r.amounts) for r in rows)


def _project_line(i: LineItem) -> bool:
    """Whether a line item is a project's: its form's money or row, or a row of a 项目支出表."""
    return i.kind in ("project_money", "project_row") or i.kind == "grid" and "项目" in (i.table or "")


def _share_in(pairs: set[str], text: str) -> float:
    """The share of ``pairs`` that ``text`` holds (0 for none)."""
    return sum(p in text for p in pairs) / len(pairs) if pairs else 0.0


# a difference asked between two of a row's columns ("全年预算和实际执行差了多少")
_GAP_ASKED = re.compile(r"差了?多少|相差|差额|差距|差几|多了?多少|少了?多少")
_COLUMN_WORDS = (("年初预算", r"年初"), ("全年预算", r"全年预算|调整后"), ("全年执行", r"执行|实际|花了|支出"))


def _column_gap(item: LineItem, question: str) -> tuple[str, str] | None:
    """The difference between the two columns of ``item`` a question names when it asks how far apart they are:
    (the words, the amount), computed from the printed figures."""
    if not _GAP_ASKED.search(question):
        return None
    named = [a for column, words in _COLUMN_WORDS if re.search(words, question)
             for a in item.amounts if a.column and a.column.startswith(column) and a.unit == "万元"]
    if len(named) != 2 or _decimal(named[0].value) is None or _decimal(named[1].value) is None:
        return None
    a, b = named
    diff = abs(_decimal(a.value) - _decimal(b.value))
    return f"{a.column}与{b.column}相差{diff}万元（按两数计算）", str(diff)


def _budget_asked(question: str, keys: list[str]) -> tuple[bool | None, list[str]]:
    """Whether the budget's figures are asked (True), and the keys: spending and budget asked together ("花了多少？
    年初预算是多少？") ask both figures, from any document (None)."""
    budget = True if re.search(r"预算", question) and not re.search(r"决算|实际", question) else None
    if budget and re.search(r"花了|花掉|支出了|用了|开支了", question):
        actual = [_ACTUAL_OF.get(key, key) for key in keys]
        return None, list(dict.fromkeys(k for a in actual for k in (a, _BUDGET_OF.get(a)) if k))
    return budget, keys


def _one_year(years: list[int], intent: str, known: list[int]) -> int | None:
    """The one year an answer is looked for in: the year asked; for a why of two years running the later one, whose
    document says why it changed against the year before ("为啥比去年少"); else none."""
    if len(years) == 1:
        return years[0]
    if intent == "reason" and len(years) == 2 and abs(years[0] - years[1]) == 1 and max(years) in known:
        return max(years)
    return None


def _newest_items(items: list[LineItem]) -> list[LineItem]:
    """The items of the newest year among them."""
    newest = max((i.citation.year or 0 for i in items), default=0)
    return [i for i in items if (i.citation.year or 0) == newest]


def _newest(figs: list[Figure]) -> list[Figure]:
    """The figures of the newest year among them (a list asked with no year is one document's, not several)."""
    newest = max((f.citation.year or 0 for f in figs), default=0)
    return [f for f in figs if (f.citation.year or 0) == newest]


def _decimal(text: str) -> Decimal | None:
    """A figure's value as a Decimal (None for a value that is not a plain number)."""
    try:
        return Decimal(text)
    except ArithmeticError:
        return None


def _quoted(name: str) -> str:
    """A name in quotation marks, unless it begins with its own (“阳光食品”PPP项目)."""
    return name if name.startswith("“") else f"“{name}”"


def _plain(text: str) -> str:
    """Only the letters, digits and Chinese characters of ``text`` (names printed with either kind of bracket)."""
    return re.sub(r"[^\w]|_", "", text)


def _named(name: str, f: Figure) -> str:
    """An item's name and figure; a colon between them when the name ends in a digit or letter (其他养人1：85分)."""
    return f"{name}{'：' if name[-1:].isascii() and name[-1:].isalnum() else ''}{_fmt(f)}"


def _step(f: Figure) -> Decimal:
    """One unit of the last printed digit of a money figure, in 万元 (0.01 for 31.19万元, 0.0001 for 311900元)."""
    exponent = Decimal(f.value).as_tuple().exponent
    return Figure.model_construct(value=str(Decimal(1).scaleb(int(exponent))), unit=f.unit).in_wanyuan()


def _agree(a: Figure, b: Figure) -> bool:
    """Two printings of one figure agree: equal after conversion to 万元, within one unit of the last printed
    digit of the coarser one (元 tables beside 万元 prose), or equal as printed for counts and rates."""
    x, y = a.in_wanyuan(), b.in_wanyuan()
    if x is None or y is None:
        return a.unit == b.unit and a.amount() == b.amount()
    return abs(x - y) <= max(_step(a), _step(b))


def _choose(figs: list[Figure]) -> tuple[Figure | None, list[Figure]]:
    """The figure to show, and the printings in its document that contradict it.

    A document may print one figure twice with different values (a typo, or a planted sentence such as
    "回答：三公经费是999万元"). The value a table prints wins, then the value printed most often; among
    printings that agree, prose in 万元 first (what people read), then the earliest.
    """
    if not figs:
        return None, []
    ordered = sorted(figs, key=lambda f: (f.source_kind != "prose", f.unit != "万元", f.citation.char_start))

    def support(f: Figure) -> tuple[bool, int]:
        same = [g for g in figs if g.citation.doc_id == f.citation.doc_id and _agree(f, g)]
        return any(g.source_kind == "table" for g in same), len(same)

    best = max(ordered, key=support)  # the first of the best supported: ties keep the reading order
    return best, [g for g in ordered if g.citation.doc_id == best.citation.doc_id and not _agree(best, g)]


def _best(figs: list[Figure]) -> Figure | None:
    return _choose(figs)[0]


def contradiction_note(figures: list[Figure], contradicted: list[Figure]) -> str:
    """What an answer adds when its document prints a figure with another value too:
    "（文件中该数字前后不一致：第16页为4884.09万元，第24页为4896.98万元；以上取与表格一致的数字）"."""
    def at(f: Figure) -> str:
        return f"第{f.citation.page}页" if f.citation.page else f.citation.where("zh")

    notes = []
    for best in figures:
        others = [g for g in contradicted if g.key == best.key and g.citation.doc_id == best.citation.doc_id]
        if others:
            where = "，".join(f"{at(g)}为{_fmt(g)}" for g in others)
            why = "与表格一致" if best.source_kind == "table" else "多处一致"
            notes.append(f"（文件中该数字前后不一致：{at(best)}为{_fmt(best)}，{where}；以上取{why}的数字）")
    return "".join(notes)


class Answerer:
    def __init__(self, store: Store, search, units: UnitIndex, scope: Scope | None = None) -> None:
        self.store = store
        self.search = search  # (question, k) -> hits, for the nearest passages
        self.units = units  # the stored unit names, grouped by unit
        self.scope = scope  # answer only from department (部门) or unit (单位/本级) documents, when given
        self.about = ""  # the question without the unit's name and the year (rows are matched on it)
        self.years_asked: list[int] = []
        self._lines: dict[tuple, list[LineItem]] = {}

    def lines(self, units, year) -> list[LineItem]:
        """The line items of these units and year (:meth:`Store.lines_where`) in the scope asked, read once per question."""
        key = (tuple(units or ()), year)
        if key not in self._lines:
            keep = self.in_scope()
            self._lines[key] = [i for i in self.store.lines_where(units or None, year)
                                if keep is None or i.citation.doc_id in keep]
        return self._lines[key]

    def in_scope(self) -> set[str] | None:
        """The documents of the scope asked for (None: every document)."""
        if self.scope is None:
            return None
        return {d.doc_id for d in self.store.docs() if d.scope == self.scope}

    def scoped(self, figs: list[Figure]) -> list[Figure]:
        keep = self.in_scope()
        return figs if keep is None else [f for f in figs if f.citation.doc_id in keep]

    def docs_for(self, units: list[str] | None, year: int | None) -> list[DocRecord]:
        return [d for d in self.store.docs() if (not units or d.unit in units) and (year is None or d.year == year)
                and (self.scope is None or d.scope == self.scope)]

    def figures(self, key: str, units: list[str] | None, year: int | None, budget: bool | None = None) -> list[Figure]:
        figs = self.scoped(self.store.figures_where([key], units, year))
        if budget is not None:
            docs = {d.doc_id: d for d in self.store.docs()}
            want = [f for f in figs if (docs[f.citation.doc_id].doc_type == DocType.budget) == budget]
            figs = want or figs
        return figs if year is not None else _newest(figs)  # (no year asked: the newest year's, not any year's)

    def ask(self, parsed: ParsedQuestion) -> Answer:
        question = parsed.corrected or parsed.text
        intent = parsed.intent.value
        if parsed.language != "zh":
            return self._none(question, intent, "请用中文提问，例如：“某某局2024年三公经费花了多少？”", nearest=False)
        if parsed.unknown_unit and (self._project_named(parsed.unknown_unit, question)
                                    or self._carries_out(parsed.unknown_unit, question, parsed.years)):
            # ("智慧法院信息化运维项目", "一中学生宿舍楼建设项目": a project the archive holds, not a unit; "某管理处的
            # 城市道路维护项目": the unit carrying out a project a department's documents hold)
            parsed = parsed.model_copy(update={"unknown_unit": None})
        if parsed.unknown_unit:  # other units' passages would read as an answer about the unit asked for
            member = self._member_of(parsed.unknown_unit, question, parsed.years)
            if member is not None:
                return member
            return self._none(question, intent, self._not_recognised(parsed.unknown_unit, parsed.closest),
                              nearest=False)
        if len(parsed.mentions) == 1 and (part := self._part_unit(parsed, question)) is not None:
            return part
        if (period := _PART_OF_YEAR.search(question)) and not self._period_printed(period.group(0), parsed):
            return self._none(question, intent, f"档案中没有找到{period.group(0)}的数字：公开的预算、决算文件按全年编列，"
                                                "没有分期的执行数。下面是最相近的段落。")
        targets = self._targets(parsed)
        if len(targets) > MAX_UNITS_PER_ANSWER:
            return self._which(question, intent, targets, parsed.years)
        self.about = parsed.residual or question  # what is asked, the unit's name and the year taken out
        self.years_asked = parsed.years
        answers = [self._for_units(parsed, question, group) for group in targets or [[]]]
        answer = answers[0] if len(answers) == 1 else _combined(answers)
        place = _RECIPIENT.search(question)
        if place is not None and answer.answerable and not any(_named_alone(place.group("p"), c.quote)
                                                                for c in answer.citations):
            # (a village's share: the row or sentence found is all villages' money, "…红柳村、石桥村等8个村…共计72.00万元")
            return self._none(question, intent, f"档案中没有找到{place.group('p')}单独的数字：公开文件没有分村列出。"
                                                "下面是最相近的段落。")
        return answer

    def _thing_named(self, question: str) -> bool:
        """Whether the question names a thing of its own besides the unit's whole money, its parts and their columns
        ("综合大楼管理经费全年预算是多少": a task's, not the 整体支出 table's)."""
        rest = _OVERALL_WORDS.sub("", _NO_THING.sub("", _TOTALS_WORDS.sub("", self.about or question)))
        return len(re.findall(r"[\u4e00-\u9fff]", rest)) >= 2

    def _period_printed(self, period: str, parsed: ParsedQuestion) -> bool:
        """Whether the documents of the units asked print the part of a year the question names (上半年, 一季度)."""
        units = sorted({u for m in parsed.mentions for u in m.units}) or None
        return any(period in c.text for d in self.docs_for(units, None) for c in self.store.chunks_of(d.doc_id))

    def _part_unit(self, parsed: ParsedQuestion, question: str) -> Answer | None:
        """A unit inside the one named whose own money is asked ("法院梅坞人民法庭单独花了多少钱"): a member unit the
        department's documents list is answered as one (:meth:`_member_of`); any other is refused — the named unit's
        figures are not its."""
        rest = re.sub(r"\s+", "", parsed.residual or "")
        part = unit_like(rest)  # (a unit's name may hold a figure's word: "市政设施维护中心")
        if part is not None and metric_keys(part, generic=False):
            return None
        if part is None or not _PART_UNIT.search(part) or not _ITS_OWN_MONEY.search(rest[rest.find(part) + len(part):]) \
                or part in parsed.mentions[0].units or self._project_named(part, question):
            return None
        member = self._member_of(part, question, parsed.years)
        if member is not None:
            return member
        if any(part in i.name for i in self.store.lines_where(parsed.mentions[0].units, None)):
            return None  # (a row the unit's tables print: "体育场馆（项）" is no unit)
        return self._none(question, parsed.intent.value,
                          f"档案中没有找到{part}单独的数字：{parsed.mentions[0].units[0]}的公开文件没有单独列出它。"
                          "下面是最相近的段落。")

    def _targets(self, parsed: ParsedQuestion) -> list[list[str]]:
        """The units to answer for, each a group of stored names of one unit.

        A unit named once: its names. A phrase that fits several units equally well: each of them. No
        unit named: each unit the archive holds (for the year asked), for a why of a figure every unit has too (one
        unit's reason is no answer about the others) — except for comparisons of named units, and whys of a thing of
        one unit's (a project, an indicator), which search every unit at once.
        """
        mentions = parsed.mentions
        if parsed.intent == Intent.comparison and len(mentions) > 1:
            return [sorted({u for m in mentions for u in m.units})]
        if mentions:  # each unit named (once, however many phrases name it), each unit a phrase fits when it fits several
            groups = [g for m in mentions for g in (self._groups(m.units) if m.ambiguous else [m.units])]
            return [g for n, g in enumerate(groups) if g not in groups[:n]]
        if parsed.intent == Intent.reason and not parsed.metrics:
            return [[]]
        year = parsed.years[0] if len(parsed.years) == 1 else None
        holding = sorted({d.unit for d in self.docs_for(None, year) if d.unit})
        owner = self._project_owner(parsed.text, year) if len(holding) > 1 else None
        if owner is not None:  # ("统防统治项目全年预算多少": the one unit whose documents hold that project)
            return [[owner]]
        return self._groups(holding) if holding else [[]]

    def _project_named(self, phrase: str, question: str) -> bool:
        """Whether a phrase read as an unknown unit's name is a piece of the name of a project the archive holds, as the
        question goes on to name it: its beginning ("智慧法院" of 智慧法院信息化运维项目), or most of the phrase's pairs
        of characters in a project whose name the question mostly holds, when it asks a project ("一中学" of
        峦沂市第一中学学生宿舍楼建设项目)."""
        at = question.find(phrase)
        named = question[at:at + len(phrase) + 16] if at >= 0 else phrase
        stored = self.store.lines_where(None, None)
        projects = {i.name for i in stored if _project_line(i)} | {  # (and the projects whose target forms print rows)
            form for i in stored if i.kind == "indicator" and (form := _FORM_OF.sub("", i.table or "")) != i.table}
        if any(n.startswith(phrase) and n in named for n in projects):
            return True
        own = _char_pairs(phrase) if re.search(r"项目|专项|工程", question) else set()  # (a project asked as one)
        return bool(own) and any(len(n) >= 6 and sum(p in n for p in own) >= 0.5 * len(own)
                                 and _share_in(_char_pairs(n), question) >= 0.6 for n in projects)

    def _carries_out(self, phrase: str, question: str, years: list[int]) -> bool:
        """Whether a unit the archive has no document of is named in the documents of the one unit that holds the
        project the question names (its 实施单位): the project is that unit's to answer for."""
        owner = self._project_owner(question, years[0] if len(years) == 1 else None)
        return owner is not None and any(_plain(phrase) in _plain(c.text) for d in self.docs_for([owner], None)
                                         for c in self.store.chunks_of(d.doc_id))

    def _project_owner(self, question: str, year: int | None) -> str | None:
        """The unit whose documents hold the project the question names (most of the project's pairs of characters
        asked), when one unit's do and no other's."""
        spent_on = re.search(r"(?P<name>[\u4e00-\u9fff]{4,})项目支出", question)  # ("校园安全视频监控升级项目支出")
        if not re.search(r"项目(?!支出)|专项|工程", question) and not (
                spent_on and not metric_keys(spent_on.group("name"), generic=False)
                and not FUND_NAMES.search(spent_on.group("name"))):
            return None
        owners = {i.citation.unit for i in self.store.lines_where(None, year)
                  if _project_line(i) and i.citation.unit and len(i.name) >= 6
                  and _share_in(_char_pairs(i.name), question) >= 0.6}
        named = _PROJECT_NAMED.search(question)
        if not owners and named is not None:
            # a project only the running text names ("农村公路提档升级项目：绩效目标为…"): the unit whose text does (not a
            # "…工程" a text may name as work done, not as a project of its own)
            phrase = _plain(named.group(0))
            owners = {d.unit for d in self.store.docs() if d.unit and (year is None or d.year == year)
                      and any(phrase in _plain(c.body) for c in self.store.chunks_of(d.doc_id))}
        return owners.pop() if len(owners) == 1 else None

    def _groups(self, names: list[str]) -> list[list[str]]:
        """Stored names grouped by unit (one unit printed two ways is one group), in name order."""
        index = self.units
        groups: dict[int, list[str]] = {}
        for n in sorted(names):
            groups.setdefault(index.group.get(n, id(n)), []).append(n)
        return list(groups.values())

    def _which(self, question: str, intent: str, targets: list[list[str]], years: list[int]) -> Answer:
        when = f"{years[0]}年" if len(years) == 1 else ""
        names = "、".join(g[0] for g in targets[:12]) + ("等" if len(targets) > 12 else "")
        return self._none(question, intent, f"请说明是哪个单位：档案中有{len(targets)}个单位的{when}公开文件（{names}）。",
                          nearest=False)

    def _member_of(self, phrase: str, question: str, years: list[int]) -> Answer | None:
        """A unit with no document of its own that a department's document takes in (a school of a 教育局's 部门预算):
        said so, with the list that names it — its figures are inside the department's, not printed apart here."""
        stored = self.store.lines_where(None, None)
        names = self._taken_in(stored, years)
        upper, lower = below_parts(phrase)
        if upper:  # ("区卫健委下面的疾控中心": the members of the department named)
            parents = {u for m in self.units.mentions(upper) for u in m.units}
            names = {n: v for n, v in names.items() if v[0].unit in parents}
            question, phrase = question.replace(phrase, lower), lower
        # (each also by the name it has in its department's place: "区疾病预防控制中心" of 琮阳市濂屿区卫生健康委员会 is
        # 琮阳市濂屿区疾病预防控制中心, asked as "濂屿区疾控中心")
        known = {n: n for n in names} | {q: n for n, (c, _) in names.items() if (q := _in_place(n, c.unit)) not in names}
        found = [m for m in (UnitIndex(sorted(known), figure_words()).mentions(question) if names else [])
                 if phrase in m.phrase or m.phrase in phrase]  # (the phrase no stored unit fits)
        if len(found) != 1 or len({known[u] for u in found[0].units}) != 1 and not found[0].ambiguous:
            return None
        member = known[found[0].units[0]]
        if len({known[u] for u in found[0].units}) > 1:  # (城关小学 and 城关中心小学: the one named exactly, its place
            exact = {known[u] for u in found[0].units  # left out or not)
                     if found[0].phrase in (u, u[m.end():] if (m := _PLACE_HEAD.match(u)) else u)}
            if len(exact) != 1:
                return None
            member = exact.pop()
        c, count = names[member]
        taken_in = (f"档案中没有{member}自己的公开文件；它是{c.unit or ''}{c.year or ''}年部门"
                    f"{_DOC_WORDS.get(c.doc_type, '文件')}纳入的{count}家单位之一")
        spent = bool(re.search(r"决算|实际|花了|用了", question)) and c.doc_type == DocType.budget or _asks_change(question)
        why = bool(_MEMBER_WHY.search(question))
        if (why or _asks_change(question)) and (said := self._member_changed(member, c, question, why)) is not None:
            return Answer(answer=f"{taken_in}。这份部门文件写道：{said[0]}", answerable=True,
                          intent="reason" if why else "figure", citations=[*said[1], c])
        if _COUNT_OR_EACH.search(question) and (said := self._member_said(member, c, question)) is not None:
            return Answer(answer=f"{taken_in}。这份部门文件写道：{said[0]}", answerable=True, intent="figure",
                          citations=[*said[1], c])
        rows = self._member_rows(member, c.doc_id, question, found[0].phrase) if (not years or c.year in years) and not spent else []
        if rows:  # the department's tables listed by unit print the member's own row
            return Answer(answer=f"{taken_in}，这份部门文件按单位列出了它的数字。{_rows_said(rows)}。", answerable=True,
                          intent="figure", citations=[r.citation for r in rows] + [c])
        if not spent and (not years or c.year in years) and not set(metric_keys(question, generic=False)) - {
                "income_grand_total", "expenditure_grand_total", "income_current_year", "expenditure_current_year",
                "basic_expenditure", "project_expenditure"} and (said := self._member_said(
                member, c, question.replace(found[0].phrase, member), True)):  # (named short: as printed)
            # (its money said in the department's text: "分单位看：…某中心本年支出456.62万元（基本支出…，项目支出…）")
            return Answer(answer=f"{taken_in}。这份部门文件写道：{said[0]}", answerable=True, intent="figure",
                          citations=[*said[1], c])
        return Answer(answer=taken_in + "，它的数字汇总在这份部门文件里，没有单独列出的部分无法给出。", answerable=False,
                      intent="figure", citations=[c], nearest=[c])

    def _member_said(self, member: str, c: Citation, question: str, money: bool = False) -> tuple[str, list[Citation]] | None:
        """The sentences of the department's document (cited by ``c``) that state what is asked of a member unit and
        name it ("其中：实验小学2550名学生168.30万元"), quoted, and their citations; with ``money``, only a sentence
        printing the member's own income or spending right after its name ("某中心本年支出456.62万元")."""
        head = _PLACE_HEAD.match(member)
        short = member[head.end():] if head and len(member) - head.end() >= 2 else member
        if money:  # (the first statement printing the member's own money: however the question words it)
            rest = re.sub(r"其中|基本支出|项目支出", "", question.replace(member, "").replace(short, ""))
            if len(re.findall(r"[\u4e00-\u9fff]", _TOTALS_WORDS.sub("", _SPENT_ASKED.sub("", rest)))) >= 2:
                return None  # (a thing of its own asked, "…中心食堂改造花了多少钱": its whole money is no answer)
            side = "支出" if re.search(r"花|支出|用了|开支", question) else "收入" if re.search(r"收入|拨款", question) \
                else "支出|收入|预算"
            own = re.compile(rf"{re.escape(short)}[^。；;，,]{{0,8}}(?:{side})[^。；;，,]{{0,6}}?\d")
            parts = [w for w in ("基本支出", "项目支出") if w in question]  # (a part asked: the statement prints it)
            found = [s for ch in self.store.chunks_of(c.doc_id) for s in statements(ch)
                     if own.search(s.plain) and all(w in s.plain for w in parts)][:1]
        else:
            found = best_statement(question, self.store.chunks_of(c.doc_id), {c.year} if c.year else set())
        if not found or not any(short in s.plain for s in found):
            return None
        return "；".join(f"“{s.shown()}”" for s in found), [s.citation() for s in found]

    def _member_changed(self, member: str, c: Citation, question: str, why: bool) -> tuple[str, list[Citation]] | None:
        """The sentence of the department's document (cited by ``c``) that states how a member unit's money changed
        against last year and (``why``) why ("区卫生监督所2026年收入预算642.75万元，比上年减少35.60万元，主要原因
        是…"): of those naming the member, the one holding most of the question's pairs of characters."""
        head = _PLACE_HEAD.match(member)
        short = member[head.end():] if head and len(member) - head.end() >= 2 else member
        pairs = _char_pairs(re.sub(r"[\s？?！!。，,]", "", question.replace(member, "").replace(short, "")))
        found = [s for ch in self.store.chunks_of(c.doc_id) for s in statements(ch)
                 if short in s.plain and _MEMBER_CHANGE.search(s.plain.split(short, 1)[1])
                 and (not why or REASON_MARKER.search(s.plain) or re.search(r"由于|因为", s.plain))]
        if not found:
            return None
        best = max(found, key=lambda s: _share_in(pairs, s.plain))  # (max keeps the first of equals: document order)
        return f"“{best.shown()}”", [best.citation()]

    @staticmethod
    def _taken_in(stored: list[LineItem], years: list[int]) -> dict[str, tuple[Citation, int]]:
        """The units departments' documents take in, each with the citation that names it and how many units its
        document takes in: the units a list names, and the units its tables list by unit other than the department's
        own (本级, 机关). The year asked, else the newest, wins."""
        by_doc: dict[str, list[LineItem]] = {}
        for i in stored:
            if i.kind == "unit_row":
                by_doc.setdefault(i.citation.doc_id, []).append(i)
        found = [(i.citation, i.name, len({j.name for j in rows})) for rows in by_doc.values() for i in rows
                 if not re.search(r"本级[)）]?$|机关$", i.name)]
        found += [(i.citation, n, len(i.path)) for i in stored if i.kind == "members" for n in i.path]
        names = {re.sub(r"[(（].*$", "", name): (c, count)
                 for c, name, count in sorted(found, key=lambda x: (x[0].year in years, x[0].year or 0))}
        # (one unit named with and without its place, "实验小学" of "分单位看" and 蓼汀区实验小学 of the table: the full name)
        return {n: v for n, v in names.items() if not any(
            other.endswith(n) and _PLACE_HEAD.fullmatch(other[:-len(n)]) for other in names if other != n)}

    def _member_rows(self, member: str, doc_id: str, question: str, phrase: str = "") -> list[LineItem]:
        """A member unit's rows in its department's tables listed by unit (see :meth:`_rows_asked`)."""
        rows = [i for i in self.store.lines_where(None, None) if i.kind == "unit_row" and i.citation.doc_id == doc_id
                and re.sub(r"[(（].*$", "", i.name) == member]
        head = _PLACE_HEAD.match(member)
        return self._rows_asked(rows, question, [phrase or member, member, member[head.end():] if head else member])

    def _rows_asked(self, rows: list[LineItem], question: str, names: list[str]) -> list[LineItem]:
        """Of one unit's rows in a department's tables listed by unit (the question naming it by ``names``): the
        columns the question names, else the table its 收入/支出 points at first (both when it names neither); none
        when it asks a figure they have no column for, or a thing of the unit's own."""
        rows = [i for i in rows if i.table or any(a.column for a in i.amounts)]  # (a number nothing names is no answer)
        asked = set(metric_keys(question, generic=False)) - {"income_grand_total", "expenditure_grand_total",
                                                              "income_current_year", "expenditure_current_year"}
        columns = {a.column for r in rows for a in r.amounts if a.column}
        # (a column named in the question, not only inside a figure's name it asks: "其中项目支出" names no 支出 column)
        named = [col for col in columns if any(names_metric(k, col) for k in asked)
                 or (bare := re.sub(r"(?:合计|数)$", "", col)) and bare in question and (not asked or len(bare) >= 4)]
        if asked or named or not re.search(r"预算|收入|支出|多少钱|经费|资金|钱|花|用了", question):
            # a column the question names ("本年收入多少"), or a figure the row may have no column for (三公, 人数, a
            # change…): only a column it prints is its answer
            rows = [r.model_copy(update={"amounts": _columns_asked(r, named, question)}) for r in rows]
            return [r for r in rows if r.amounts]
        rest = question
        for name in names + [m.phrase for m in self.units.mentions(question)]:  # (its department named too: "区卫健委今年
            rest = rest.replace(name, "")  # 疾控中心的预算")
        if len(re.findall(r"[\u4e00-\u9fff]", _TOTALS_WORDS.sub("", rest))) >= 2:
            return []  # (a thing of its own asked, "食堂改造花了多少钱": no total of the unit's is its answer)

        def says(r: LineItem, word: str) -> bool:
            return word in (r.table or "") + "".join(a.column or "" for a in r.amounts)

        spent = re.sub(r"花|用了", "支出", question)  # ("一共花多少钱": its 支出)
        for word, other in (("收入", "支出"), ("支出", "收入")):
            if word in spent:
                pointed = [r for r in rows if says(r, word)]
                rows = pointed or [r for r in rows if not says(r, other)]  # (no 收入 is answered with a 支出)
                break
        return [r for r in rows if "三公" not in (r.table or "")][:2]  # (the 三公 money only when asked: it is no total)

    def _own_part(self, parsed: ParsedQuestion, question: str, units, year) -> Answer | None:
        """本级 asked of a unit whose archive holds its 部门 documents only: the department's row for its own part
        ("…（本级）") in its tables listed by unit or its "分单位看" sentence, in the newest document of the kind asked
        (预算 or 决算), not the department's total."""
        docs = self.docs_for(units or None, year)
        if parsed.scope != Scope.unit or not units or not docs or any(d.scope == Scope.unit for d in docs):
            return None
        budget = bool(re.search(r"预算", question)) and not re.search(r"决算|实际|花了", question)
        ids = {d.doc_id for d in docs}
        own = [i for i in self.lines(units, year) if i.citation.doc_id in ids and i.amounts
               and i.kind not in ("indicator", "count", "members")
               and re.search(r"本级[)）]?(?:\d{4}年度?(?:预算|决算|收入|支出)*[\d,.]*万元)?$", i.name)]  # (…（本级）2026年预算3,120.00万元)
        by_doc = {d.doc_id: d for d in docs}
        for d in sorted(by_doc.values(), key=lambda d: ((d.doc_type == DocType.budget) == budget, d.year or 0),
                        reverse=True):
            rows = self._rows_asked([i for i in own if i.citation.doc_id == d.doc_id], question,
                                    [m.phrase for m in parsed.mentions] + list(units) + ["本级"])
            if rows:
                return Answer(answer=f"{d.unit or ''}{d.year or ''}年{_DOC_WORDS.get(d.doc_type, '文件')}按单位列出了"
                                     f"本级的数字：{_rows_said(rows)}。", answerable=True, intent="figure",
                              citations=[r.citation for r in rows])
        return None

    def _not_recognised(self, phrase: str, closest: list[str]) -> str:
        near = f"最接近的单位：{'、'.join(closest)}。" if closest else \
            f"现有单位：{'、'.join(sorted({d.unit for d in self.store.docs() if d.unit}))}。"
        return f"档案中没有找到“{phrase}”的公开文件（没有识别出这个单位）。{near}"

    def _budget_against_budget(self, question: str, intent: str, keys: list[str], units, years: list[int]
                               ) -> Answer | None:
        """A budget asked against last year's budget ("今年公务接待费预算比去年少了多少"): the change the budget states
        against it ("比2025年预算3.40万元减少0.40万元"), not last year's 决算."""
        if not keys or len(years) != 2 or intent not in ("figure", "comparison") or not _CHANGE_WORDS.search(question) \
                or not re.search(r"预算", FUND_NAMES.sub("", question)) \
                or re.search(r"决算|实际|执行|花了|花的|花费|用了|支出(?!预算)|开支", question):
            return None  # (against last year's spending: the two years' figures, not the budget's statement)
        stated = self._stated("change", keys, units, max(years))
        # (the statement's base must be last year's budget, not its 执行数: "比2025年预算3.40万元减少…")
        return stated if stated is not None and re.search(
            r"比(?:\d{4}年|上年|去年)度?(?:年初)?预算(?:数)?(?!执行)", stated.answer) else None

    def _year_missing(self, question: str, intent: str, keys: list[str], units, years: list[int],
                      missing: list[int], known: list[int]) -> Answer | None:
        """A year asked that the archive holds no document of: the figure the next year's document states for it, else
        said so (a comparison or why of several years goes on with those held)."""
        if len(years) == 1 and keys and intent == "figure" and (base := self._stated_base(keys, units, years[0], bool(_budget_asked(question, keys)[0]))):
            return base  # ("前年公务接待费多少" with only last year's 决算: the figure it states for its year before)
        if intent in ("comparison", "reason") and len(years) > 1 and len(missing) < len(years):
            return None
        who = "、".join(units) if units else "档案"
        return self._none(question, intent, f"档案中没有{who}{missing[0]}年的公开文件；"
                                             f"现有年份：{'、'.join(map(str, known)) or '无'}。")

    def _of_budget_years(self, keys: list[str], units, year: int | None) -> list[str]:
        """The keys as a year of budgets only holds them: its 三公 money is its 三公 budget."""
        held = self.docs_for(units or None, year) if year is not None else []
        return [_BUDGET_OF.get(k, k) for k in keys] if held and all(d.doc_type == DocType.budget for d in held) else keys

    def _stated_base(self, keys: list[str], units, year: int, budget: bool) -> Answer | None:
        """A figure of a year the archive has no document of, as the next year's document states it as the base of its
        change ("与2024年度的6.40万元相比，减少…"), said to be that document's statement."""
        stated = self._stated("change", keys[:1], units, year + 1)
        if stated is None:
            return None
        item = next((i for i in self.lines(units, year + 1) if i.kind == "change" and i.citation == stated.citations[0]),
                    None)
        # (last year's budget only when a budget is asked: "2025年三公经费预算", not what was spent)
        bases = (f"{year}年", "上年") + ((f"{year}年预算", "上年预算") if budget else ())
        base = next((a for a in item.amounts if a.column in bases), None) if item else None
        if base is None:
            return None
        c = item.citation
        quote = re.sub(r"\s+", "", c.quote)
        # (a 决算's base is what was spent that year, whatever of it was asked: "前年三公经费预算" is given as spent)
        what = keys[0] if base.column.endswith("预算") or c.doc_type == DocType.budget else _ACTUAL_OF.get(keys[0], keys[0])
        return Answer(answer=f"档案中没有{c.unit or ''}{year}年的公开文件；{c.year}年{_DOC_WORDS.get(c.doc_type, '文件')}"
                             f"写明{year}年{label(what)}为{base.value}万元：“{quote}”",
                      answerable=True, intent="figure", citations=[c])

    def _member_in_missing_year(self, parsed: ParsedQuestion, question: str, missing: list[int]) -> Answer | None:
        """A year the archive holds none of a unit's own documents of, when its department's document of that year
        names it as a member and states what is asked (疾控中心's 2026 budget in the 卫健委's 部门预算)."""
        if not parsed.mentions or not parsed.years or max(parsed.years) not in missing:
            return None  # (the year asked, or the later of two compared, is one the archive lacks)
        phrase = parsed.mentions[0].phrase  # (named by the unit option, not in the question: read as if it were)
        member = self._member_of(phrase, question if phrase in question else phrase + question, [max(parsed.years)])
        if member is None or not member.answerable or any(c.unit in parsed.filters.units for c in member.citations):
            return None  # (the department's own list naming itself, "某委（本级）", is no other unit's document)
        return member.model_copy(update={"answer": member.answer.replace(
            "自己的公开文件", f"{max(parsed.years)}年自己的公开文件", 1)})

    def _for_units(self, parsed: ParsedQuestion, question: str, units: list[str]) -> Answer:
        """The answer for one unit (its stored names), or across all units when ``units`` is empty."""
        intent = parsed.intent.value
        keys = list(parsed.metrics)
        known_years = sorted({d.year for d in self.docs_for(units or None, None) if d.year})
        parsed = parsed.model_copy(update={"years": _years_asked(parsed, known_years)})
        years = [self._reported_at(question, y, units, known_years) for y in parsed.years]
        missing_years = [y for y in years if y not in known_years]
        if (parsed.year_range or len(years) > 1) and intent == "figure" and keys:  # (2021年和2024年…分别)
            return self._budget_against_budget(question, intent, keys, units, years) \
                or self._years(question, keys[0], units, years, known_years)
        if missing_years and (none := (self._member_in_missing_year(parsed, question, missing_years) if units else None)
                              or self._year_missing(question, intent, keys or self._spending_asked(), units, years,
                                                    missing_years, known_years)) is not None:
            return none
        year = _one_year(years, intent, known_years)
        if (split := self._split_asked(question, intent, units, year)) is not None:
            return split
        against_budget = re.search(r"预算", FUND_NAMES.sub("", question)) and re.search(r"决算|实际|执行", question)
        special = (self._own_part(parsed, question, units, year) if intent != "reason" else None) \
            or (self._share_unnamed(units, year) if intent != "reason" and len(years) <= 1 else None) \
            or (self._project_goal(question, units, year) if intent != "reason" and len(years) <= 1 else None) \
            or self._only_budget(question, intent, units, year) \
            or (self._whole_score(question, units, year) if intent != "reason" and len(years) <= 1 else None) \
            or (self._overall(question, units, year) if intent != "reason" and len(years) <= 1 else None) \
            or (self._agreement(question, units, year) if len(years) <= 1 and len(parsed.mentions) <= 1
                and asks_agreement(question) and not (against_budget and len(tables_named(question)) < 2)
                else None) \
            or (self._analysis(question, units, year) if len(years) <= 1 and _ASKS_ANALYSIS.search(question) else None) \
            or (self._use_of(question, units, year) if len(years) <= 1 and _ASKS_USE.search(question)
                and not re.search(r"哪几|哪些(?!方面|用途|事)|各(?:花了|是|有)?多少|分别|各类", question) else None) \
            or (self._line_years(question, units, years, intent) if not keys else self._against_year(
                question, keys, units, years, parsed.mentions)) \
            or (self._members(question, units, year) or self._by_units(question, units, year)
                or self._project_sum(question, units, year)
                or self._breakdown(question, units, year)
                or self._project_money(question, units, year)
                or self._asset(question, units, year)
                if intent != "reason" else None) \
            or self._before_the_figures(parsed, question, units, year, missing_years)
        if special is not None:
            return special
        if intent == "reason":
            keys = self._of_budget_years(keys, units, year)
            return self._cause_said(question, keys, units, year) or self._nil_explained(question, keys, units, year) or \
                self._with_stated_change(self._reason(question, keys, units, year), keys, units, year)
        if intent == "list":
            return self._list(question, keys, units, year)
        if intent == "comparison" and keys:
            answer = self._budget_against_budget(question, intent, keys, units, years) \
                or self._compare(question, keys, units, years, parsed.mentions)
            if answer is not None:
                return answer
        initial_of_another = "gpb_initial_budget" in keys and any(
            k not in ("gpb_initial_budget", "gpb_expenditure") for k in keys)
        if initial_of_another:  # 年初预算 of another figure, not the whole's
            keys = [k for k in keys if k != "gpb_initial_budget"]
        answer = self._figure(question, keys, units, year, intent)
        if answer.answerable and initial_of_another:
            answer.answer += "（没有找到这一项的年初预算。）"
        if answer.answerable and _asks_change(question) and not re.search(r"上年|比\d{4}年", answer.answer) \
                and "文件所载" not in answer.answer and _QUOTED not in answer.answer:  # (a quote says what it says)
            answer.answer += "（文件没有说明与上年相比的变化。）"
        return answer

    def _whole_score(self, question: str, units, year) -> Answer | None:
        """The score a whole self-evaluation gave itself ("整体绩效自评得了多少分"), when no indicator, fund row or
        project is named: its form's 自评得分 of the 总分, not the score of one of its rows."""
        if not (_WHOLE_SCORE_ASKED.search(question) and re.search(r"整体|部门|单位", question)) \
                or _FUND_SCORE.search(question) or re.search(r"项目(?!支出)|专项|指标", question):
            return None
        rows = [i for i in self.lines(units, year) if "整体" in i.name + (i.table or "")
                and any(a.column in ("自评得分", "总得分", "综合得分") for a in i.amounts)]
        if not rows:  # (else the clause of a sentence that gives it, "整体支出绩效自评得分为97.85分": not last year's)
            said = [(s, m) for d in self.docs_for(units or None, year) for ch in self.store.chunks_of(d.doc_id)
                    for s in statements(ch) if (m := _WHOLE_SCORE_SAID.search(s.plain))]
            if not said:
                return None
            c = said[0][0].citation()
            return Answer(answer=f"{c.unit or ''}{c.year or ''}年{said[0][1].group(0)}（文件所载）。", answerable=True,
                          intent="figure", citations=[c])
        c = rows[0].citation
        said = "，".join(f"{a.column}{a.value}{'' if a.column == '等级' else '分'}" for a in rows[0].amounts)
        return Answer(answer=f"{c.unit or ''}{c.year or ''}年{_quoted(rows[0].name)}：{said}。", answerable=True,
                      intent="figure", citations=[c])

    def _overall(self, question: str, units, year) -> Answer | None:
        """The money of a year whose only documents are self-evaluations, asked by its columns ("年初预算和全年预算各是
        多少", "项目支出执行率多少"): the 整体支出 table's rows — the whole, or the part the question names; and the score
        of its fund row ("预算执行率这一项得了几分"), whatever else the year holds."""
        docs = self.docs_for(units or None, year)
        scored = _FUND_SCORE.search(question) and not re.search(r"项目(?!支出)|专项", question)
        if not docs or not scored and (
                not _OVERALL_ASKED.search(question) or re.search(r"项目(?!支出)|专项|得分|几分|多少分", question)
                or set(metric_keys(question, generic=False)) - {"gpb_initial_budget", "basic_expenditure",
                                                                 "project_expenditure"} or any(
                d.doc_type in (DocType.budget, DocType.final_accounts) for d in docs)
                and (not _EVALUATION_COLUMN.search(question) or self._thing_named(question))):
            return None  # (a year with a 预算 or 决算 too: only the columns they do not print, 全年预算, 执行率…, of the
            #             whole or its 基本/项目支出, not of a task the question names)
        rows = [i for i in self.lines(units, year) if i.kind == "overall" and any(a.unit == "万元" for a in i.amounts)]
        asked = [r for r in rows if r.name != "整体支出" and r.name in question] or [
            r for r in rows if r.name == "整体支出"
            and not re.search(r"基本支出|项目支出|人员经费|公用经费|财政拨款|结转|其他资金", question)]  # (a part named)
        if scored:  # (the fund row's score: its rate, weight and score)
            asked = [r.model_copy(update={"amounts": [a for a in r.amounts if a.unit in ("%", "分")]}) for r in asked[:1]
                     if any(a.column == "得分" for a in r.amounts)]
        if not asked:
            return None
        c = asked[0].citation
        gap = _column_gap(asked[0], question) if len(asked) == 1 else None
        table = asked[0].table or "整体支出绩效自评表"
        when = "" if re.match(r"20\d\d年", table) else f"{c.year or ''}年"
        who = "" if c.unit and table.startswith(c.unit) else f"{c.unit or ''}{when}"
        return Answer(answer=f"{who}{table}中，"
                             + "；".join(describe(r, False) for r in asked[:2]) + f"{f'；{gap[0]}' if gap else ''}。",
                      answerable=True, intent="figure", citations=[r.citation for r in asked[:2]],
                      computed={"difference": gap[1]} if gap else {})

    def _with_stated_change(self, answer: Answer, keys: list[str], units, year) -> Answer:
        """A why about a figure whose reason sentence states no amount ("…支出决算减少主要原因是…"): the change the
        document states for the figure, said with it, so "为什么少了，少了多少" is answered whole."""
        if not answer.answerable or not keys or re.search(r"(?:增加|减少|增长|下降|上升|降低)了?\d", answer.answer.split("原因")[0]):
            return answer
        stated = self._stated("change", keys, units, year)
        if stated is None or stated.citations[0].doc_id != answer.citations[0].doc_id:
            return answer
        return answer.model_copy(update={"answer": f"{answer.answer.rstrip('。')}。{stated.answer}",
                                         "citations": [*answer.citations, *stated.citations]})

    def _only_budget(self, question: str, intent: str, units, year) -> Answer | None:
        """决算 asked of a year whose documents are only its 预算: what was actually spent is in the year's 决算,
        published the year after, and the budget's figure is no answer."""
        if not ("决算" in question and "预算" not in question and year and self._only_budgets(units, year)):
            return None
        who = "、".join(units) if units else "档案"
        return self._none(question, intent, f"档案中只有{who}{year}年的预算，没有这一年的决算；"
                                             "实际支出要看决算公开（通常在次年公布）。", nearest=False)

    def _reported_at(self, question: str, year: int, units, known: list[int]) -> int:
        """The document year for a date asked ("截至2020年底有多少辆车"): that year's own, else the next year's budget,
        which reports the state at the end of the year before."""
        if year in known or year + 1 not in known or not re.search(
                rf"(?:截至|截止|截止到|到|至)\s*(?:{year}|{year % 100})年?(?:底|末|12月31日)", question):
            return year
        budgets = [d for d in self.docs_for(units or None, year + 1) if d.doc_type == DocType.budget]
        return year + 1 if budgets else year

    def _before_the_figures(self, parsed: ParsedQuestion, question: str, units, year,
                            missing_years: list[int]) -> Answer | None:
        """What is answered before the vocabulary figures: the parts of a total asked as a list, a change against
        last year the document states, a row named as such (“其他交通费用”, 食品安全监管（项）), the evaluation of the projects as a whole."""
        years, keys, intent = parsed.years, list(parsed.metrics), parsed.intent.value
        if intent in ("list", "figure") and len(keys) == 1 and asks_parts(question) and not re.search(
                r"项目|专项|任务|类(?!型|别)|三公", question):
            parts = self._parts(keys, units, year)  # "车辆有哪些，各几辆": the parts printed after the total
            if parts is not None:
                return parts
        if len(years) <= 1 and intent != "reason" and _AGAINST_BUDGET.search(question):  # "年初预算和决算差多少"
            stated = self._stated("vs_budget", keys, units, year)
            if stated is not None:
                return stated
        line = self._line(question, units, year, intent) if keys and intent in ("figure", "comparison") else None
        if line is not None and line[1].item.kind == "part" and _plain(line[1].item.name) not in _plain(question):
            line = None  # (a part found by its whole's words, "政府采购总共多少" of 货物: the whole is asked)
        if line is not None and line[1].exact and (
                _marks_row(line[1].item.name, question) or not metric_keys(line[1].item.name)
                or keys == ["expenditure_current_year"] and not re.search(r"本年支出|合计", question)):
            # a row named as such, or a row that is no figure of the vocabulary, is what is asked; the metric's words
            # are its column ("行政运行年初预算", "一般公共预算财政拨款支出中城乡社区支出", "在食品安全监管上花了多少钱")
            return line[0]
        nil = self._fund_nil(question, keys, units, year, intent)
        if nil is not None:
            return nil
        consecutive = len(years) == 2 and abs(years[0] - years[1]) == 1 and min(years) in missing_years
        if keys and intent in ("figure", "comparison") and len(parsed.mentions) <= 1 and (consecutive or len(
                years) <= 1 and (_LAST_YEAR.search(question) and _CHANGE_WORDS.search(question) or _asks_change(question))):
            # "比上年少了多少", "2023年和2024年比": the change the document of the later year states; of the part when
            # the question names a whole and its part ("三公经费中公务接待费")
            ordered = keys[::-1] if len(keys) > 1 and re.search(r"中|里|其中", question) else keys
            stated = self._stated("change", ordered, units, max(years) if consecutive else year)
            if stated is not None:
                return stated
        quoted = re.findall(r"“([^”]{2,40})”", question)
        if keys and quoted and re.search(r"项目|专项", question):  # “J市场监管经费”项目支出绩效自评表: the project
            found = self._project(question, units, year, named_in="".join(quoted))
            if found is not None:
                return found
        return self._graded(question, units, year) or (
            self._evaluation_summary(question, units, year)
            if _EVALUATED.search(question) and re.search(r"绩效|自评|评价|打分|评分", question) else None)

    # -- answers ---------------------------------------------------------------------------
    def _none(self, question: str, intent: str, message: str, nearest: bool = True) -> Answer:
        """A refusal; with the passages nearest to the question unless they could only mislead."""
        hits = self.search(question, 3) if nearest else []
        return Answer(answer=message, answerable=False, intent=intent, figures=[],
                      citations=[h.citation for h in hits], nearest=[h.citation for h in hits])

    def _who(self, f: Figure) -> str:
        return f"{f.citation.unit or ''}{f.citation.year or ''}年"

    def _years(self, question: str, key: str, units, years: list[int], known: list[int]) -> Answer:
        """A figure over a range of years: each year the archive holds, and the years it does not."""
        twin = {"three_public_actual": "three_public_budget"}.get(key)
        figs = []
        for y in years:
            f = _best(self.figures(key, units, y)) or (_best(self.figures(twin, units, y)) if twin else None)
            if f is not None:
                figs.append(f)
        lacking = [y for y in years if y not in {f.citation.year for f in figs}]
        if lacking and len(figs) == 1 and _asks_change(question) and lacking == [figs[0].citation.year - 1]:
            # "今年比去年少了多少" with no document of last year: the change this year's document states
            stated = self._stated("change", [key], units, figs[0].citation.year)
            if stated is not None:
                return stated
        if not figs:
            return self._none(question, "figure", f"档案中没有{years[0]}—{years[-1]}年的{label(key)}；"
                                                  f"现有年份：{'、'.join(map(str, known)) or '无'}。")
        parts = "；".join(f"{f.citation.year}年{'预算' if f.key != key else ''}{_fmt(f)}" for f in figs)
        note = f"（档案中没有{'、'.join(map(str, lacking))}年的数字）" if lacking else ""
        answer = f"{figs[0].citation.unit or ''}{label(key)}：{parts}{note}。"
        return Answer(answer=answer, answerable=True, intent="figure", figures=figs, citations=[f.citation for f in figs])

    def _named_project(self, question: str, rows: list[Figure], min_share: float = 0.0) -> str | None:
        """The project of ``rows`` the question names (see :func:`_named_of`)."""
        return _named_of(question, {f.key.split(":")[1] for f in rows}, min_share)


    def _project(self, question: str, units, year, named_in: str | None = None,
                 min_share: float = 0.0) -> Answer | None:
        """A project named in the question (or in ``named_in``, its quoted words): the fields asked (预算, 执行数,
        执行率, 自评得分; the budget by default)."""
        rows = self.scoped(self.store.figures_where_like("project:%", units, year))
        best = self._named_project(named_in or self.about or question, rows, min_share)  # (the unit's name: no project)
        if best is None:
            return None
        asked = [f for f, pattern in _PROJECT_FIELDS if re.search(pattern, question)] or ["budget"]
        figs = [f for field in ("budget", "actual", "execution_rate", "score") if field in asked
                if (f := _best([x for x in rows if x.key == f"project:{best}:{field}"])) is not None]
        if not figs and "budget" not in asked:  # a budget's project has no spending, rate or self-evaluation: say so
            have = sorted({PROJECT_FIELD_LABELS[x.key.rsplit(":", 1)[1]] for x in rows
                           if x.key.startswith(f"project:{best}:")})
            wanted = "、".join(PROJECT_FIELD_LABELS[f] for f in ("actual", "execution_rate", "score") if f in asked)
            return self._none(question, "figure", f"档案中没有找到“{best}”的{wanted}（现有文件只列出它的{'、'.join(have)}）。")
        if not figs:
            figs = [f for f in [_best([x for x in rows if x.key.startswith(f"project:{best}:")])] if f]
        if not figs:
            return None
        said = "，".join(f"{PROJECT_FIELD_LABELS[f.key.rsplit(':', 1)[1]]}为{_fmt(f)}" for f in figs)
        answer = f"{self._who(figs[0])}{_quoted(best)}{said}。"
        return Answer(answer=answer, answerable=True, intent="figure", figures=figs, citations=[f.citation for f in figs])

    def _by_units(self, question: str, units, year) -> Answer | None:
        """Each unit a department's tables list by unit ("区教育局下面各个学校和幼儿园的预算分别是多少"): the column the
        question names, else each row's first (its total), of the table its 收入/支出 points at (a 三公 table when 三公
        or one of its items is asked), in the newest document asked about; the units of the kinds it names (学校 and
        幼儿园) when it names kinds. Each unit's money asked "分别" that no table lists so: refused, not the whole's."""
        if not _EACH_UNIT.search(question) or not re.search(r"多少|几", question) \
                or re.search(r"(?:几|多少)(?:个|家|所|名|人)", question) \
                or not re.search(r"预算|决算|收入|支出|花|钱|费|资金|万元|安排|拨", question):
            return None  # (how many units, or people, is a count: not each unit's money)
        three = bool(re.search(r"三公|公务接待|公务用车|出国", question))
        rows = _newest_items([i for i in self.lines(units, year) if i.kind == "unit_row" and i.table
                              and ("三公" in i.table) == three])
        doc = next((i.citation.doc_id for i in rows), None)
        rows = [i for i in rows if i.citation.doc_id == doc]
        tables = list(dict.fromkeys(i.table for i in rows))
        word = "支出" if re.search(r"支出|花|用了", question) and not three else "收入" if "收入" in question else ""
        table = next((t for t in tables if word in t), None)  # (no table of the 支出 asked: none, not another's)
        kinds = [end for k, ends in _UNIT_KINDS.items() if k in question for end in ends]
        listed = [i for i in rows if i.table == table and i.amounts and not re.match(r"合计|总计", i.name)
                  and (not kinds or re.sub(r"[(（][^()（）]*[)）]$", "", i.name).endswith(tuple(kinds)))]
        column = next((a.column for a in (listed[0].amounts if listed else []) if a.column
                       and (bare := re.sub(r"(?:合计|数)$", "", a.column)) and bare in question), None)
        part = _PART_COLUMN.search(re.sub(r"(?:收入|支出)?预算|三公经费", "", question))
        if len(listed) < 2 or column is None and part:  # (a part asked that no column prints: not each unit's total)
            if re.search(r"分别|各自|各(?:是|有|花|用|安排)", question) and not re.search(r"合计|一共|总共|加起来", question):
                return self._none(question, "list", "档案中没有找到按单位分列的这项数字：公开文件没有逐单位列出。"
                                                    "下面是最相近的段落。")
            return None
        said = [(i, next((a for a in i.amounts if a.column == column), None) if column else i.amounts[0]) for i in listed]
        c = listed[0].citation
        d = self.store.doc(c.doc_id)
        kind = _DOC_WORDS.get(d.doc_type, "文件") if d else "文件"
        text = "；".join(f"{i.name}{a.column or ''}{a.value}{a.unit}" for i, a in said if a is not None)
        return Answer(answer=f"{c.unit or ''}{c.year or ''}年{kind}的《{table}》按单位列出：{text}。", answerable=True,
                      intent="list", citations=[i.citation for i, _ in said])

    def _split_asked(self, question: str, intent: str, units, year) -> Answer | None:
        """A question asking the money split by a thing ("各个村分别花了多少") or per car or person: refused when the
        documents print no rows of that thing (a per-car or per-person figure is computed when they print both)."""
        by = _BREAKDOWN.search(question)
        # the thing each is asked of, up to a time or a figure's word ("各个场馆三公经费分别": 场馆)
        thing = re.split(r"去年|今年|前年|上年|本年|20\d\d年|的|三公|经费|支出|预算|收入|资金|花|用|费", by.group("x"))[0] \
            if by else ""
        if thing and not self._rows_by(thing, units, year):
            return self._none(question, intent, f"档案中没有找到按{thing}分列的数字：公开文件没有逐{thing}列出。"
                                                "下面是最相近的段落。")
        per = _PER_THING.search(question)
        if per and _MONEY_ASKED.search(question):  # (a standard per ton, mu, household…: the sentence that prints it)
            stated = self._said_once(units, year, intent)
            if stated is not None and re.search(rf"每{per.group('m')}", stated.answer):
                return stated
        if re.search(r"每辆|每人|每个人|人均|平均每", question) and not self._indicator_named(units, year):
            stated = self._said_once(units, year, intent)  # (a row or sentence that prints it: "每人每年6000元")
            stated = stated if stated is not None and re.search(r"每(?:人|辆|户|个|名)|[人户车]均", stated.answer) \
                else None
            return self._per_unit(question, units, year) or stated or self._none(
                question, intent, "档案中没有找到按车、按人平均的数字：公开文件只披露合计数。下面是最相近的段落。")
        return None

    def _rows_by(self, thing: str, units, year) -> bool:
        """Whether the documents asked about print rows of ``thing`` ("各个村分别": rows named …村), it is a kind of
        the rows they print (项目, 下属单位, 科目), or they print rows by unit of units of that kind (a 三公 table by
        unit: 场馆 for a 体育馆's row, not 乡镇 for a 管理所's)."""
        items = self.lines(units, year)
        ends = _UNIT_KINDS.get(thing, (thing[-1:],))  # (学校: …小学, …中学 too)
        return thing.endswith(
            ("项目", "任务", "单位", "部门", "科目", "类", "款", "项")) or any(
            i.name.endswith(thing) for i in items if i.kind != "count") or any(
            i.kind == "unit_row" and re.sub(r"[(（][^()（）]*[)）]$", "", i.name).endswith(ends) for i in items)

    def _project_indicator(self, question: str, units, year, found: Answer,
                           line: tuple[Answer, LineAnswer] | None) -> Answer | None:
        """When the question names a project (``found``: its money) and asks neither its money nor its score, the
        indicator of the project's performance table it names by the most pairs of characters (at least two) that
        are not the project's own ("法治宣传工作经费组织了几次法治讲座" → 组织开展法治讲座), else the indicator row
        ``line`` found by name; None: the project's money is the answer."""
        # a refusal for a money field the project lacks names the project: its indicators may hold what is asked (not
        # its evaluation, which the refusal is about)
        named = re.search(r"“([^”]+)”", found.answer)
        if not found.figures and (named is None or not found.answerable and re.search(
                r"自评|评价|评分|得分|几分|多少分|结果|等级", question)):
            return None
        project = found.figures[0].key.split(":")[1] if found.figures else named.group(1)
        money = _PROJECT_MONEY.search(re.sub(r"[“”\"]", "", question).replace(re.sub(r"[“”\"]", "", project), ""))
        if money and not _SCORE_ONLY.fullmatch(money.group(0)):
            return None  # (the project's own words, "…补助资金", ask for nothing)
        own = _char_pairs(project) | _GENERIC_GRAMS
        measure = _MEASURE.search(question)
        best, best_score = None, 1.0
        for item in self.lines(units, year):
            if item.kind != "indicator" or _plain(project) not in _plain(item.table or ""):
                continue
            grams = _char_pairs(item.name) - own
            shared: float = sum(1 for g in grams if g in question)
            # the measure asked ("多少批次", "多少人") printed in its values counts most; then fewer words unsaid
            said = "".join(a.value for a in item.amounts)
            measured = measure is not None and re.search(_MEASURES[measure.group(1)], said) is not None \
                and not _PER_UNIT.search(said)  # (≤905.76元/批次 is a cost per batch, not a count of batches)
            if not shared and measured and (re.search(_MEASURES[measure.group(1)], item.name)
                                            or re.search(rf"\d\s*(?:{_MEASURES[measure.group(1)]})", said)):
                # "培训了多少人" → 培训人员 (>=30名), "要加固多少公里堤防" → 堤防加固长度 (≥2.8公里): the project's own
                # words and the measure its name or its number prints (not a word holding it: 个体工商户)
                shared = 0.5
            if not shared:
                continue
            score = shared + (3 if measured else 0) - 0.1 * (len(grams) - shared)
            if score > best_score:
                best, best_score = item, score
        if best is None:  # (a score asked of no indicator named is the project's score)
            return line[0] if line is not None and line[1].item.kind == "indicator" and not money else None
        c = best.citation
        return Answer(answer=f"{c.unit or ''}{c.year or ''}年{_quoted(project)}的绩效指标{describe(best, False)}。",
                      answerable=True, intent="figure", citations=[c])

    def _with_counts(self, question: str, answer: Answer, units, year) -> Answer:
        """The answer with the indicators of the project it is about that count what else the question asks ("培训了
        多少人、几天": 培训人员 =30名 and 培训时长 =9天): for each measure asked, the first such indicator not shown yet."""
        tables = {i.table for i in self.lines(units, year) if i.kind == "indicator"
                  and any(c.doc_id == i.citation.doc_id and c.char_start == i.citation.char_start for c in answer.citations)}
        named = self._named_project(self.about or question, self.scoped(
            self.store.figures_where_like("project:%", units, year)))
        items = [i for i in self.lines(units, year) if i.kind == "indicator" and (
            i.table in tables or named and _plain(named) in _plain(i.table or ""))]
        grams = _char_pairs(question) - _char_pairs(named or "") - _GENERIC_GRAMS
        for m in _MEASURE.finditer(question):
            counted = [i for i in items if m.group(1) not in ("万元", "元") and f"“{i.name}”" not in answer.answer
                       and re.search(_MEASURES[m.group(1)], values := "".join(a.value for a in i.amounts))
                       and not _PER_UNIT.search(values)]
            # (the one the question's words name: 培训 of "培训了多少人" → 培训人员, not 视频拍摄 ≥5次)
            item = max(counted, key=lambda i: len(_char_pairs(i.name) & grams), default=None)
            if item is not None and _char_pairs(item.name) & grams:
                answer.answer = answer.answer.rstrip("。") + f"；{describe(item, False)}。"
                answer.citations.append(item.citation)
        return answer

    def _per_unit(self, question: str, units, year) -> Answer | None:
        """A per-person or per-item standard a performance table prints ("培训人均支出标准 =180元/人.天"), named by
        the most pairs of characters the question shares with it (at least one that is not a generic word)."""
        best, best_score = None, 0
        for item in self.lines(units, year):
            if item.kind != "indicator" or not any(_PER_UNIT.search(a.value) for a in item.amounts):
                continue
            grams = _char_pairs(item.name) - _GENERIC_GRAMS - _RATE_WORDS
            shared = sum(1 for g in grams if g in self.about)
            if shared > best_score:
                best, best_score = item, shared
        if best is None:
            return None
        c = best.citation
        return Answer(answer=f"{c.unit or ''}{c.year or ''}年绩效指标{describe(best, False)}。", answerable=True,
                      intent="figure", citations=[c])

    def _indicator_named(self, units, year) -> bool:
        """Whether the question names a 绩效 indicator (a per-person standard, "培训人均支出标准", is one)."""
        _, found = best_items([i for i in self.lines(units, year) if i.kind == "indicator"],
                              self.about)
        return bool(found)

    def _line(self, question: str, units, year, intent: str) -> tuple[Answer, LineAnswer] | None:
        """A classified row the question names (行政运行, 社会保障和就业支出, 办公费…; :mod:`app.lines`) in the newest
        document of the kind asked for (a budget when the question says 预算, else final accounts first): the answer,
        and the :class:`~app.lines.LineAnswer` it was made from (which row, named whole or not)."""
        counted = bool(re.search(r"(?:几个|多少个)(?!百分点|点)|几名|多少名|多少人|几辆|多少辆|几台|多少台|几家|多少家",
                                 self.about))  # (几个点 is a rate)
        scored = bool(re.search(r"得分|几分|多少分|评分|打分", self.about))
        money = not counted and bool(re.search(r"费|钱|万元|经费|资金|花了|支出", self.about))
        by_doc: dict[str, list] = {}
        for item in self.lines(units, year):
            if counted and item.kind not in ("indicator", "count"):
                continue  # a count is asked: a row's money is not the answer (an indicator's "=46辆" may be)
            if money and item.kind == "count":
                continue  # money asked of a thing counted ("疫苗冷链运输车的运行维护费"): its count is not it
            if scored and item.kind == "overall" and not any(a.unit == "分" for a in item.amounts):
                continue  # (a score asked: the 整体支出 money row is not it)
            by_doc.setdefault(item.citation.doc_id, []).append(item)
        budget_asked = bool(re.search(r"预算|安排", question)) and not re.search(r"决算|实际|花了", question)
        docs = sorted((d for d in self.docs_for(units or None, year) if d.doc_id in by_doc),
                      key=lambda d: ((d.doc_type == DocType.budget) == budget_asked, d.year or 0), reverse=True)
        change = _asks_change(question)
        for d in docs:
            found = line_answer(by_doc[d.doc_id], d.doc_type == DocType.budget, self.about, change)
            if found is not None and found.item.kind == "indicator" and re.search(r"目标|指标值", self.about) and not any(
                    a.column.endswith("指标值") for a in found.item.amounts if a.column):
                continue  # (a target asked: an indicator said with its value reached only is not it)
            if found is not None:
                answer = f"{d.unit or ''}{d.year or ''}年{_DOC_WORDS.get(d.doc_type, '文件')}中，{found.text.rstrip('。')}" \
                         f"{_row_words(found.item, question)}。"
                if (gap := _column_gap(found.item, question)) is not None:
                    answer = answer.rstrip("。") + f"；{gap[0]}。"
                    return Answer(answer=answer, answerable=True, intent=intent, citations=found.citations,
                                  computed={"difference": gap[1]}), found
                if change and not re.search(r"比上年|比\d{4}年", found.text):
                    answer += "（文件没有说明这一项与上年相比的变化。）"
                if "年初预算" in self.about and "年初预算" not in found.text:
                    answer += "（文件没有列出这一项的年初预算。）"
                elif _budget_missing(question, d, found):
                    return Answer(answer=f"档案中没有找到这一项的预算数：{answer}", answerable=False, intent=intent,
                                  citations=found.citations), found
                return Answer(answer=answer, answerable=True, intent=intent, citations=found.citations), found
        return None

    def _spent_on(self, question: str, units, year, intent: str) -> Answer | None:
        """"某项目花了多少钱", "那个培训班花了多少钱": the project's (named by half its words at least), not the year's;
        "培训费花了多少钱" with no 培训费 found: not the year's whole spending either."""
        found = self._project(question, units, year, min_share=0.0 if re.search(r"项目|专项|经费", question) else 0.5)
        if found is not None:
            return found
        # ("印刷花了多少钱": 印刷费; an aside in brackets names no thing: "（包括机关本级和两个法庭）")
        thing = _subject_asked(expand_short(re.sub(r"[（(][^（）()]*[）)]", "", self.about or question)))
        if (part := _PART_WITHIN.search(self.about or question)) is not None:
            thing = part.group("part")  # ("大气污染防治项目里扬尘监测设备花了多少钱": a part no row prints)
        elif not _MONEY_NOUN.search(thing):
            if len(re.findall(r"[\u4e00-\u9fff]", _NO_THING.sub("", thing))) < 2:
                return None  # (nothing but the unit's whole spending asked: "一年下来最后实际花了多少")
            # a thing the vocabulary has no figure for ("村晚花了多少钱"): a row that names it, else a sentence that
            # prints its money, else not found — never the year's whole spending
            line = self._line(question, units, year, intent)
            if line is not None and line[1].exact:
                return line[0]
            if (described := self._described_row(question, units, year)) is not None:
                return described  # (a 项 whose paragraph says its money was the thing: "决算数为年中追加的…资金")
            said = self._said_once(units, year, intent)
            plain = _plain(thing)
            if said is not None and any(plain in _plain(c.quote) and re.search(r"\d\s*(?:万元|元)", c.quote)
                                        for c in said.citations):
                return said
            return self._none(question, intent, f"档案中没有找到“{thing}”的数字：公开文件没有单独列出它的金额。"
                                                "下面是最相近的段落。")
        who = "、".join(units) if units else ""
        return self._said_once(units, year, intent) or self._none(
            question, intent, f"档案中没有找到{who}{f'{year}年' if year else ''}“{thing}”的数字。下面是最相近的段落。")

    def _not_the_keys(self, question: str, keys: list[str], units, year, intent: str) -> Answer | None:
        """What a question the vocabulary reads loosely asks instead: a thing's spending ("培训费花了多少钱" is no
        本年支出合计), a count ("出国团组几个": the groups counted, not the 出国 money), a project's carry-over."""
        if keys == ["expenditure_current_year"] and not metric_keys(question, generic=False):
            return self._spent_on(question, units, year, intent)
        if set(keys) <= {"vehicles_total", "vehicles_in_service"} and (kind := _VEHICLE_KIND.search(
                re.sub(r"(?:多少|几)辆|有|的|共|一共|总共", " ", self.about or question))):
            # a kind of vehicle asked ("几辆救护车"): the count the text gives of that use, not all the unit's vehicles
            named = self._count_named(question, units, year)
            chars = iter("".join(c.quote for c in named.citations) if named is not None else "")
            if named is not None and all(ch in chars for ch in kind.group("kind")):  # (执法车: 执法执勤用车)
                return named
        if _COUNT_ASKED.search(question) and all(k not in _COUNT_KEYS for k in keys):
            return self._count_named(question, units, year) or self._count_said(units, year, intent) or self._none(
                question, intent, "档案中没有找到这项数字：文件只列出这一项的金额。下面是最相近的段落。")
        if set(keys) <= _CARRY_KEYS and self._printed_project(units, year):
            # ("智慧城管二期项目上年结转多少": the project's own column, never the department's carry-over)
            line = self._line(question, units, year, intent)
            return line[0] if line is not None and line[1].item.kind == "project_row" else self._none(
                question, intent, "档案中没有找到这个项目的这项数字（部门的结转和结余不是项目的）。下面是最相近的段落。")
        return None

    def _count_said(self, units, year, intent: str) -> Answer | None:
        """A count asked with money ("安排了几个项目，涉及多少拨款"): the sentence that states both, quoted."""
        said = self._said_once(units, year, intent)
        counted = re.search(r"(?:多少|几)\s*(?P<u>[个项家人次批件份户场期])", self.about or "")
        return said if said is not None and counted and all(
            re.search(rf"\d+\s*{counted.group('u')}", c.quote) and re.search(r"\d\s*万?元", c.quote)
            for c in said.citations) else None

    def _printed_project(self, units, year) -> str | None:
        """The project the question names ("智慧城管二期项目"), when the documents asked about print its name."""
        m = re.search(r"([\u4e00-\u9fffA-Za-z0-9（）()“”]{4,24}?(?:项目|专项))", self.about or "")
        if m is None:
            return None
        name = re.sub(r"^(?:的|那个|这个)", "", m.group(1))
        printed = any(name in re.sub(r"\s+", "", c.body) for d in self.docs_for(units or None, year)
                      for c in self.store.chunks_of(d.doc_id))
        return name if printed else None

    def _figure(self, question: str, keys: list[str], units, year, intent: str) -> Answer:
        if not keys:
            return self._keyless(question, units, year, intent)
        other = self._not_the_keys(question, keys, units, year, intent)
        if other is not None:
            return other
        budget, keys = _budget_asked(question, keys)
        if budget and len(keys) == 1 and keys[0] in THREE_PUBLIC_ITEMS:
            planned = self._three_public_budget(keys[0], units, year)  # (a 决算's key holds the 决算数 only)
            if planned is not None:
                return planned
        parts, figs, shown = [], [], []
        for key in keys:
            k = key
            if key == "three_public_actual" and budget:
                k = "three_public_budget"
            f, contradicting, note = self._chosen(k, units, year, budget, spent=bool(_SPENT.search(question)))
            if f is None:
                continue
            f, listed = self._listing_parts(f, k, units, year, budget, question, len(keys))
            f = self._share_sentence(f, question)
            figs.append(f)
            parts.append(_figure_said(f, contradicting, question) + note + listed)
            shown += contradicting
            if f.key == "expenditure_current_year" and "expenditure_grand_total" not in keys:
                parts[-1] += self._grand_total_note(f, figs)
        counted = [k for k in keys if k in _COUNT_KEYS]
        lacking = [k for k in counted if not any(f.key in _COUNT_KEYS for f in figs)]
        if not figs or lacking and not re.search(r"费|钱|金额|花|支出|预算", question):
            # (a count asked and only money found, "公务接待了多少批次" read as 公务接待 + 批次: the count is missing)
            return self._missing(question, counted or keys, units, year, intent)
        answer = f"{self._who(figs[0])}" + "；".join(_with_share(question, figs, parts)) + _cars_together(figs) + "。"
        if lacking:  # ("公务接待费和接待批次各多少": the money, and the count said missing)
            answer = answer.rstrip("。") + f"；文件没有列出{'、'.join(label(k) for k in lacking)}。"
        if len(figs) == 1 and (part := self._unprinted_part(question, units, year)):
            # "人员经费中基本工资是多少" where no row, part or sentence prints 基本工资 with a figure: the whole is not it
            return Answer(answer=f"档案中没有找到{part}的单独数字：文件只列出{answer}", answerable=False,
                          intent=intent, figures=figs, citations=[f.citation for f in figs])
        return Answer(answer=answer, answerable=True, intent=intent, figures=figs,
                      citations=[f.citation for f in figs + shown], contradicted=shown)

    def _share_sentence(self, f: Figure, question: str) -> Figure:
        """A share asked of a figure whose citation does not print it: the figure cited from the sentence of its
        document that prints the same amount with its share ("…一般公共预算拨款收入3599.76万元，占89.40%", not the
        table cell); the figure as it is when no share is asked, or none is printed."""
        if not _ASKS_SHARE.search(question) or f.unit == "%" or _stated_share(f) is not None:
            return f
        return next((g for st in (s for c in self.store.chunks_of(f.citation.doc_id) for s in statements(c))
                     if (g := f.model_copy(update={"citation": st.citation()})) and _stated_share(g)), f)

    def _listing_parts(self, f: Figure, key: str, units, year, budget, question: str, asked: int
                       ) -> tuple[Figure, str]:
        """The figure and the parts said after it (:meth:`_parts_said`); when its sentence lists none, another printing
        of the same amount in its document that does ("收支预算总计3748.48万元…" / "收入预算3748.48万元，其中：…")."""
        listed = self._parts_said(f, question, asked)
        if listed:
            return f, listed
        for g in self.figures(key, units, year, budget):
            if g is not f and g.citation.doc_id == f.citation.doc_id and _agree(f, g) \
                    and (listed := self._parts_said(g, question, asked)):
                return g, listed
        return f, ""

    def _parts_said(self, f: Figure, question: str, asked: int) -> str:
        """"，其中：…" with the parts the sentence stating ``f`` lists after it: for the one figure asked, or when parts
        are asked of several."""
        if asked > 1 and not re.search(r"其中|分别|构成|组成|包括", question):
            return ""
        printed = self._printed_parts(f, bool(re.search(r"占|比例|比重", question)))
        return f"，其中：{printed}" if printed else ""

    def _printed_parts(self, f: Figure, shares: bool = False) -> str:
        """The parts the sentence stating ``f`` lists after it ("政府采购预算402.18万元，其中：政府采购货物预算40.38万元…"),
        as printed; "" when it lists none."""
        c = f.citation
        if c.char_start is None or c.char_end is None:
            return ""
        listed = [i for i in self.lines([c.unit] if c.unit else None, c.year) if i.kind == "part"
                  and i.citation.doc_id == c.doc_id and i.amounts and i.citation.char_start is not None
                  and i.path and names_metric(f.key, i.path[0])]  # (the whole they are of is the figure)
        first = next((i for i in listed if c.char_start < i.citation.char_start < c.char_end), None)
        # (one whole's, from the first inside the figure's clause on, the list going on past its "；": "其中：货物类…；
        # 工程类…；服务类…"; not the next sentence's parts)
        parts = [i for i in listed if first is not None and i.path == first.path
                 and first.citation.char_start <= i.citation.char_start <= c.char_end + _LIST_REACH]
        if any(i.amounts[0].value == f.value for i in parts):
            return ""  # (a joint label's parts, 购置及运行维护费: the figure is one of them, not their whole)
        return "，".join(f"{i.name}{i.amounts[0].value}{i.amounts[0].unit}"
                        + "".join(f"（{a.column}{a.value}%）" for a in i.amounts[1:] if shares and a.unit == "%")
                        for i in parts[:6])

    def _agreement(self, question: str, units, year) -> Answer | None:
        """Whether the places the newest document asked prints one row or figure agree (:mod:`app.agreement`); None
        when it prints it once only."""
        keys = metric_keys(without_tables(self.about), generic=False)
        lines = self.lines(units, year)
        docs = sorted(self.docs_for(units or None, year), key=lambda d: d.year or 0, reverse=True)
        for d in (d for d in docs if d.year == docs[0].year):  # (the newest year asked, never an older one)
            items = [i for i in lines if i.citation.doc_id == d.doc_id]
            figs = [f for k in keys for f in self.scoped(self.store.figures_where([k], [d.unit] if d.unit else None,
                                                                                 d.year)) if f.citation.doc_id == d.doc_id]
            what, found = places(self.about, items, figs, d.doc_type == DocType.budget)
            if len(found) < 2:
                continue
            shown = "；".join(f"{p.where}：{p.shown}" for p in found)
            return Answer(answer=f"{d.unit or ''}{d.year or ''}年{_DOC_WORDS.get(d.doc_type, '文件')}中，“{what}”在"
                                 f"{len(found)}处列出——{shown}。{verdict(found)}",
                          answerable=True, intent="comparison", citations=[p.citation for p in found])
        return None

    def _analysis(self, question: str, units, year) -> Answer | None:
        """The written rows of the self-evaluation of the project the question names (or of the 整体支出 table when it
        names none) that it asks for: its problems, measures, experience (``_analysis_asked``)."""
        rows = [i for i in self.lines(units, year) if i.kind == "analysis"]
        projects = {re.sub(r"(?:项目)?(?:支出)?绩效(?:自评|目标)表.*$", "", i.table): i.table for i in rows if i.table}
        project = projects.get(_named_of(self.about, set(projects), 0.5) or "")
        if project is None and re.search(r"哪些项目|哪几个项目|几个项目|项目有(?:几|多少)个|多少个项目", question) and (
                listed := self._projects_with(question, rows, projects)) is not None:
            return listed  # (else the department's own rows below)
        # no project named: the department's own (its 整体支出 table's rows, else its running text's findings)
        chosen = _analysis_asked(question, [i for i in rows if i.table == project]) if project else \
            _analysis_asked(question, [i for i in rows if "整体" in (i.table or "")]) or \
            _analysis_asked(question, [i for i in rows if i.table is None])
        if not chosen:
            return None
        c = chosen[0].citation
        said = "；".join(f"“{i.name}”：{(i.reason or '').rstrip('。')}" for i in chosen)
        where = chosen[0].table or _DOC_WORDS.get(c.doc_type, "文件")
        return Answer(answer=f"{c.unit or ''}{c.year or ''}年{where}中，{said}。", answerable=True,
                      intent="reason", citations=[i.citation for i in chosen], reasons=[i.reason or "" for i in chosen])

    def _projects_with(self, question: str, rows: list[LineItem], projects: dict[str, str]) -> Answer | None:
        """Which projects' self-evaluations write what is asked ("存在问题的项目有几个"): those whose row for it says more
        than 无, each with its text; None when the documents hold no such rows."""
        want = _analysis_asked(question, rows)
        if not want:
            return None
        kind = re.compile("|".join(re.escape(w.name) for w in want))
        told = {name: i for name, table in projects.items() for i in rows
                if i.table == table and kind.fullmatch(i.name) and not re.fullmatch(r"(?:暂)?无[。.]?|未发现(?:问题)?[。.]?", i.reason or "")}
        if not told:
            return None
        c = next(iter(told.values())).citation
        return Answer(answer=f"{c.unit or ''}{c.year or ''}年有{len(told)}个项目的自评表写了“{want[0].name}”："
                             f"{'、'.join(told)}（各项目所写见引文）。",
                      answerable=True, intent="list", citations=[i.citation for i in told.values()],
                      reasons=[i.reason or "" for i in told.values()])

    def _unprinted_part(self, question: str, units, year) -> str | None:
        """The part a question asks of a figure ("…中基本工资是多少") when no figure of the vocabulary and no row of
        the documents is named by it."""
        question = parts_named(question)  # ("支出当中项目占多少" asks 项目支出, a figure of its own)
        m = _PART_OF_FIGURE.search(question)
        if m is None or metric_keys(m.group("part"), generic=False) or not question[:m.start()].endswith(
                figure_words()):
            return None  # (中 of 中小企业 is no "…中": only a figure's name before it asks for its part)
        return None if any(m.group("part") in _plain(i.name) for i in self.lines(units, year)) else m.group("part")

    def _project_sum(self, question: str, units, year) -> Answer | None:
        """Several projects named and added up ("科技创新、生命健康…四个专项预算加起来多少"): each one's figure of the field
        asked (its budget when none is) and their sum, computed; each project named by three quarters of its words."""
        if not _ASKS_SUM.search(question):
            return None
        rows = _newest(self.scoped(self.store.figures_where_like("project:%", units, year)))
        about = self.about or question
        named = sorted({f.key.split(":")[1] for f in rows if _named_of(about, {f.key.split(":")[1]}, 0.75)},
                       key=lambda n: about.find(_plain(re.sub(r"[(（][^)）]*[)）]", "", n))[:2]))
        if len(named) < 2:
            return None
        field = next((f for f, pattern in _PROJECT_FIELDS if f != "budget" and re.search(pattern, question)), "budget")
        figs = [f for name in named if (f := _best([x for x in rows if x.key == f"project:{name}:{field}"]))]
        if len(figs) != len(named) or field == "execution_rate" or field == "score":
            return None  # (a rate or a score is not added up; a project lacking the field: no sum)
        total = sum((_decimal(f.value) or Decimal(0) for f in figs), Decimal(0))
        said = "，".join(f"{_quoted(f.key.split(':')[1])}{_fmt(f)}" for f in figs)
        return Answer(answer=f"{self._who(figs[0])}{said}；{len(figs)}个项目{PROJECT_FIELD_LABELS[field]}合计{total}万元"
                             f"（按所列各数相加）。", answerable=True, intent="figure", figures=figs,
                      citations=[f.citation for f in figs], computed={"sum": str(total), "unit": "万元"})

    def _members(self, question: str, units, year) -> Answer | None:
        """Which units a department's document takes in ("部门决算包括哪几家单位", "下属几个单位"): its own list."""
        if not _ASKS_MEMBERS.search(question) or metric_keys(question, generic=False):
            return None  # ("几家单位的三公经费分别是多少": a figure of each unit, not the list of units)
        found = _newest_items([i for i in self.lines(units, year) if i.kind == "members"])
        if not found:
            return self._composition(units, year)
        item = found[0]
        c = item.citation
        return Answer(answer=f"{c.unit or ''}{c.year or ''}年部门{_DOC_WORDS.get(c.doc_type, '文件')}包括{len(item.path)}家单位："
                             f"{'、'.join(item.path)}。", answerable=True, intent="list", citations=[c])

    def _composition(self, units, year) -> Answer | None:
        """No list of units: the sentence of the 单位构成 section that says which units the document takes in."""
        for d in sorted(self.docs_for(units or None, year), key=lambda d: -(d.year or 0)):
            for chunk in self.store.chunks_of(d.doc_id):
                sentences = (re.sub(r"\s+", "", t) for t in re.split(r"(?<=[。；])|\n(?=\S{0,4}[（(一二三四五六七八九十])", chunk.body))
                said = next((t for t in sentences if _COMPOSITION.search(t) and "单位" in t), None)
                if said and chunk.kind != ChunkKind.heading:
                    c = chunk.citation
                    return Answer(answer=f"{c.unit or ''}{c.year or ''}年{_DOC_WORDS.get(c.doc_type, '文件')}：{said.rstrip('。；')}。",
                                  answerable=True, intent="list", citations=[c], reasons=[said])
        return None

    def _breakdown(self, question: str, units, year) -> Answer | None:
        """How a project's money is divided, as its own section lists it ("…总预算1170.00万，其中支持企业规模化发展
        870.00万…"): every part printed, when the question names the project and asks its parts (哪几块, 用途, 分别…)."""
        if not _ASKS_BREAKDOWN.search(question):
            return None
        parts = [i for i in self.lines(units, year) if i.kind == "part" and i.table]
        sections = {re.sub(r"(?:经费|资金)?情况说明$", "", i.table): i.table for i in parts}
        project = _named_of(self.about or question, set(sections), 0.5) if sections else None
        if project is None:
            return None
        listed = _newest_items([i for i in parts if i.table == sections[project]])
        c = listed[0].citation
        said = "、".join(f"{i.name}{i.amounts[0].value}{i.amounts[0].unit}" for i in listed if i.amounts)
        return Answer(answer=f"{c.unit or ''}{c.year or ''}年{_quoted(project)}{listed[0].path[0] if listed[0].path else ''}"
                             f"分为：{said}（{sections[project]}）。", answerable=True, intent="list",
                      citations=[i.citation for i in listed])

    def _project_goal(self, question: str, units, year) -> Answer | None:
        """A project's 绩效目标 asked whole ("某项目的绩效目标是什么", "那这个项目的目标是啥？"): the indicators its form
        prints (each 指标 with its values), else the sentence of the documents asked about that names the project and
        states its 绩效目标 ("…项目预算86.00万元，绩效目标为建成实践创新基地2个、…"). None when one measure is asked
        (多少, 几个: an indicator's own question) or no project is named."""
        if not _GOAL_ASKED.search(question) or _ONE_MEASURE.search(question):
            return None
        asked = self.about or question  # (with the project a follow-up points back at: "那这个项目的绩效目标是啥？")
        forms: dict[str, list[LineItem]] = {}
        for i in self.lines(units, year):
            if i.kind == "indicator" and (project := _FORM_OF.sub("", i.table or "")) != i.table:
                forms.setdefault(project, []).append(i)
        project = _named_of(asked, set(forms), 0.5) if forms else None
        if project is not None:
            rows = [i for i in forms[project] if i.citation.doc_id == forms[project][0].citation.doc_id]
            c = rows[0].citation
            said = "；".join(i.name + ("" if [a.column for a in i.amounts] == ["指标值"] else "：")
                            + "，".join(f"{'' if a.column == '指标值' else a.column}{a.value}" for a in i.amounts)
                            for i in rows)  # (堤防加固长度≥2.8公里; 培训人次：年度指标值300，实际完成值320)
            return Answer(answer=f"{c.unit or ''}{c.year or ''}年{_quoted(project)}的绩效指标（{rows[0].table}）：{said}。",
                          answerable=True, intent="figure", citations=[i.citation for i in rows])
        named = _PROJECT_PHRASE.search(asked)
        if named is None:
            return None
        for d in sorted(self.docs_for(units or None, year), key=lambda d: d.year or 0, reverse=True):
            for chunk in self.store.chunks_of(d.doc_id):
                for st in statements(chunk, numbered=False):
                    if _plain(named.group("name")) in st.plain and _GOAL_SAID.search(st.plain):
                        return Answer(answer=f"{d.unit or ''}{d.year or ''}年{_DOC_WORDS.get(d.doc_type, '文件')}"
                                             f"{_QUOTED}“{st.shown()}”", answerable=True, intent="figure",
                                      citations=[st.citation()])
        return None

    def _project_money(self, question: str, units, year) -> Answer | None:
        """What a project's 绩效自评表 prints of its money beyond its budget, spending and rate: its 年初预算数, its 资金结余,
        the rows of its funds (其中：当年财政拨款, 上年结转资金, 其他资金). None unless the question names a project (by
        at least three quarters of its words) and asks one of those."""
        items = [i for i in self.lines(units, year) if i.kind == "project_money" or i.kind == "project_row" and any(
            _FUND_COLUMN.search(a.column or "") for a in i.amounts)]  # (a target form's 项目资金 with its funds)
        project = _named_of(self.about or question, {i.name for i in items}, 0.5) if items else None
        if project is None:
            return None
        rest = (self.about or question).replace(project, "")
        row = next((name for name, words in _PROJECT_ROWS if re.search(words, rest)), None)
        asked = [col for col, words in _PROJECT_COLUMNS if re.search(words, re.sub(r"上年结转", "", rest))]
        funds = _FUNDS_ASKED.search(rest) is not None  # ("项目资金是多少", "资金来源有哪些": the whole and its funds)
        if row is None and not funds and not {"年初预算数", "资金结", "偏差"} & set(asked) and (not asked or any(
                f.key.split(":")[1] == project for f in self.store.figures_where_like("project:%", units or None, year))
                or re.sub(r"[(（][^()（）]*[)）]|项目$", "", project) not in question):
            return None  # (its budget, spending, rate and score are the project's figures, when it has them, named whole)
        own = _newest_items([i for i in items if i.name == project])
        form = next((i for i in own if i.kind == "project_row"), None)
        if form is not None and (row or funds):  # (one column of the form, or all of it)
            c = form.citation
            shown = [a for a in form.amounts if row and _plain(row)[:4] in a.column] or form.amounts
            said = "，".join(f"{a.column}{a.value}{a.unit}" for a in shown)
            return Answer(answer=f"{c.unit or ''}{c.year or ''}年{_quoted(project)}（{form.table}）：{said}。",
                          answerable=True, intent="figure", citations=[c])
        found = next((i for i in own if i.kind == "project_money" and i.path[:1] == [row]), None) if row \
            else next((i for i in own if i.kind == "project_money"), None)
        if found is None:
            return None
        shown = [a for a in found.amounts if any(a.column.startswith(c) for c in asked)] or [
            a for a in found.amounts if a.unit == "万元"]
        c = found.citation
        what = f"其中{row}" if row else "项目资金"
        said = "，".join(f"{a.column}{a.value}{a.unit}" for a in shown)
        gap = _column_gap(found, rest)  # (the project's name aside: "智慧执行系统" names no 执行数)
        return Answer(answer=f"{c.unit or ''}{c.year or ''}年{_quoted(project)}{what}（{found.table}）：{said}"
                             f"{f'；{gap[0]}' if gap else ''}。", answerable=True, intent="figure", citations=[c],
                      computed={"difference": gap[1]} if gap else {})

    def _against_year(self, question: str, keys: list[str], units, years: list[int], mentions) -> Answer | None:
        """A figure against a year named as its base that is not the year before ("2024年三公经费比2021年少了多少"):
        both years' figures compared, not the change the document states against its previous year."""
        bases = [y for y in years_in(question) if y not in years]
        if len(years) != 1 or len(bases) != 1 or bases[0] == years[0] - 1 or not _CHANGE_WORDS.search(question):
            return None
        if len(keys) > 1 and keys[0] in ("procurement_total", "three_public_actual", "three_public_budget"):
            keys = keys[1:]  # (政府采购服务支出: the part named, not the whole its words begin with)
        held = {d.year for d in self.docs_for(units or None, None)}
        if bases[0] not in held:  # not the change against the year before, which the document states
            return self._none(question, "comparison", f"档案中没有{bases[0]}年的公开文件，无法与{bases[0]}年比较；"
                                                      f"现有年份：{'、'.join(map(str, sorted(held)))}。")
        return self._compare(question, keys, units, [years[0], bases[0]], mentions)

    def _line_years(self, question: str, units, years: list[int], intent: str) -> Answer | None:
        """A row or count no key names, asked of two years ("在职人员比2021年少了多少人"): each year's document's, and
        the difference computed — when both years print it under the same name, in the same column and unit."""
        both = sorted(set(years) | set(years_in(question)))  # (the base year, "比2021年", is not a year asked)
        if intent == "reason" or len(both) != 2:
            return None
        first, last = both
        found = [self._line(question, units, y, intent) for y in (first, last)]
        if any(f is None or not f[0].answerable for f in found):
            return None
        old, new = (f[1].item for f in found)
        if old.kind != new.kind or core_of(_plain(old.name)) != core_of(_plain(new.name)):
            return None
        pair = next(((a, b) for a in old.amounts for b in new.amounts if a.column == b.column and a.unit == b.unit
                     and not re.search(r"^比|增减|增长|下降", a.column or "")  # (a change is not the figure)
                     and _decimal(a.value) is not None and _decimal(b.value) is not None), None)
        if pair is None:
            return None
        a, b = pair
        diff = _decimal(b.value) - _decimal(a.value)
        way = "增加" if diff > 0 else "减少" if diff < 0 else "持平"
        c = new.citation
        answer = (f"{c.unit or ''}{new.name}：{first}年{a.value}{a.unit}，{last}年{b.value}{b.unit}；{last}年比{first}年"
                  f"{way}{f'{abs(diff)}{b.unit}' if diff else ''}（按两年文件所载计算）。")
        return Answer(answer=answer, answerable=True, intent=intent, citations=[old.citation, c],
                      computed={"difference": str(diff)})

    def _asset(self, question: str, units, year) -> Answer | None:
        """An asset's value or area as the 国有资产占有使用情况 states it ("房子多少平方米、值多少钱", "车辆总价值"): the
        asset the question names by the most characters (房子 is 房屋, 车 is 车辆), None unless a value or area is asked."""
        if not _ASKS_ASSET.search(question) or set(metric_keys(question, generic=False)) - {
                "vehicles_total", "vehicles_in_service"}:
            return None  # (公务用车运行费值多少钱: a figure of the vocabulary, not an asset)
        items = [i for i in self.lines(units, year) if i.kind == "asset"]
        about = re.sub(r"房子|楼房|办公楼", "房屋", self.about or question)
        about = re.sub(r"(?<![\u4e00-\u9fff])车(?!辆)|公车|车子", "车辆", about)
        # the asset named by the most characters, the shortest name, then the newest year that states it
        scored = [(sum(1 for ch in set(i.name) if ch in about), -len(i.name), i.citation.year or 0, n, i)
                  for n, i in enumerate(items)]
        best = max(scored, default=None)
        if best is None or best[0] < 2:
            if re.search(r"车辆|房屋|土地|家具|设备|资产", about) and not re.search(r"采购|购置|预算|支出|经费|费", about):
                return self._none(question, "figure", "档案中没有找到这项资产的价值或面积：文件的国有资产占有使用情况没有列出。"
                                                      "下面是最相近的段落。")
            return None
        found = best[-1]
        c = found.citation
        said = "，".join(f"{'价值' if a.column == '价值' else ''}{a.value}{a.unit}" for a in found.amounts)
        return Answer(answer=f"{c.unit or ''}{c.year or ''}年文件所载{found.name}：{said}（国有资产占有使用情况）。",
                      answerable=True, intent="figure", citations=[c])

    def _chosen(self, key: str, units, year, budget: bool | None,
                spent: bool = False) -> tuple[Figure | None, list[Figure], str]:
        """The figure of ``key`` (and those contradicting it), or the one that stands in for it, with what it is: a
        budget prints only its 支出总计 and 收入总计; with no 公务用车保有量 printed, the vehicles its assets count ("共有车辆0辆");
        the 三公 money of a year held only as its budget, unless what was spent is asked (``spent``)."""
        f, contradicting = _choose(self.figures(key, units, year, budget))
        if f is None and key in _GRAND_OF:  # (a budget prints its totals only: 收入总计 for "今年收入多少")
            f, contradicting = _choose(self.figures(_GRAND_OF[key], units, year, budget))
        if f is None and key == "three_public_actual" and not spent and self._only_budgets(units, year):
            # a year held only as its budget: its budget's 三公 money, said so
            f, contradicting = _choose(self.figures("three_public_budget", units, year, budget))
            if f is not None:
                return f, contradicting, "（这是预算数：档案中没有这一年的决算）"
        if f is None and key == "vehicles_in_service":
            f, contradicting = _choose(self.figures("vehicles_total", units, year, budget))
            return f, contradicting, "（文件没有单列公务用车保有量，这是它国有资产中的车辆总数，含各类用车）"
        planned = spent and f is not None and f.citation.doc_type == DocType.budget and f.in_wanyuan() is not None
        only = "：档案中这一年只有预算" if planned and self._only_budgets(units, year) else ""
        return f, contradicting, f"（这是预算数，不是实际支出{only}）" if planned else ""

    def _only_budgets(self, units, year) -> bool:
        """Whether the documents of the units and year are budgets only (预算, 绩效目标表)."""
        held = {d.doc_type for d in self.docs_for(units or None, year)}
        return bool(held) and held <= {DocType.budget, DocType.performance_target}

    def _names_refused(self, question: str, intent: str) -> Answer:
        """Which firms or people: no disclosure lists them."""
        return self._none(question, intent, "档案中没有找到这份名单：公开文件不列出具体的企业或人员。下面是最相近的段落。")

    def _three_public_budget(self, key: str, units, year) -> Answer | None:
        """A "三公" item's 预算数 as a 决算's "三公" table prints it beside the 决算数, or as its text states it — unless
        a budget of that year is held (the budget's own figure is then the answer)."""
        if any(d.doc_type == DocType.budget for d in self.docs_for(units or None, year)):
            return None
        item = next((i for i in self.lines(units, year) if i.kind == "three_public" and i.name == label(key)), None)
        if item is None:  # the text's "其中：公务接待费全年预算数…，决算数…" then
            return self._stated("vs_budget", [key], units, year)
        c = item.citation
        said = "，".join(f"{a.column}{a.value}{a.unit}" for a in item.amounts)
        planned, spent = (Decimal(a.value) for a in item.amounts)
        rate = f"{(spent / planned * 100).quantize(Decimal('0.01'))}%" if planned else None
        said += f"；决算为预算的{rate}（按两数计算）" if rate else ""
        return Answer(answer=f"{c.unit or ''}{c.year or ''}年{label(key)}（{item.table}）：{said}。", answerable=True,
                      intent="figure", citations=[c], computed={"completion_rate": rate} if rate else {})

    def _counts_named(self, question: str, units, year) -> Answer | None:
        """A count asked (:meth:`_count_named`), or two asked at once ("编制和实有教职工各是多少", "多少个教学班、多少名
        学生"): each part's count, when every part names one; none when money is asked and no count ("执法车购置花了
        多少": not how many cars)."""
        if re.search(r"花|钱|费|万元|资金|经费|支出", question) and not re.search(
                r"(?:几|多少)[个名位家辆台所座人间套项批次条块场]", question):
            return None
        whole = self._count_named(question, units, year)
        said = self.about or question
        parts = [p for p in re.split(r"[、，,]|以及|和|及|与", said) if re.search(r"[\u4e00-\u9fff]{2,}", p)]
        if len(parts) < 2:
            return whole
        found = [self._count_named(question, units, year, p if re.search(r"多少|几", p) else p + "多少", asked=True)
                 for p in parts]
        if any(a is None for a in found) or len({a.answer for a in found}) < len(found):
            return whole
        return Answer(answer="".join(a.answer for a in found), answerable=True, intent="figure",
                      citations=[c for a in found for c in a.citations])

    def _count_named(self, question: str, units, year, said: str | None = None, asked: bool = False) -> Answer | None:
        """A count the text states, asked in other words ("有多少在职人员" of 实有在职人员32人, "退休的有多少人" of 离退休
        人员, "编制多少" of 核定行政编制, "开了几次会" of 召开会议3次): the counted item sharing the most pairs of
        characters with the question, in the unit the question asks (人, 次, 个…), when one shares more than the rest."""
        said = said or self.about or question
        counted = re.search(r"(?:多少|几)\s*(?P<u>人次|个人|人|名|个|次|期|场|批|辆|台)?", said)
        unpriced = re.sub(r"\d+万元(?:[(（]含[)）])?以上", "", said)  # (a price bound: 单价50万元以上设备)
        if counted is None or re.search(r"费|经费|资金|万元|钱|支出|预算|收入", unpriced) or not (
                asked or counted.group("u") or re.search(r"人员|人数|编制|团组|会议|培训|车|设备", said)):
            return None  # (money asked, or nothing counted: "比上年下降了多少"; ``asked``: a part of a count asked)
        want = {"名": ("人",), "个人": ("人",), "人": ("人", "人次"), "台": ("辆", "台（套）"), "期": ("期", "次"),
                "次": ("次", "期", "场")}.get(
            counted.group("u") or "", (counted.group("u"),) if counted.group("u") else ())
        counts = [i for i in self.lines(units, year) if i.kind == "count" and i.amounts
                  and (not want or i.amounts[0].unit in want)]
        for everyday, printed in _COUNT_VERBS:  # ("买了几辆车": 购置; "开了几次会": 召开会议)
            said = re.sub(everyday, printed, said)
        words = re.findall(r"[\u4e00-\u9fff]{2,}", re.sub(r"多少|几|有|是|的|了|吗|呢|一共|总共|实际|现在|目前|到\S{0,6}?底",
                                                          " ", said))  # (when: not what is counted)
        words = [re.sub(r"^[个名位家辆台项所座间](?=[\u4e00-\u9fff]{2})", "", w) for w in words]  # (多少名学生: 学生)
        pairs = _char_pairs(*words) - _COUNT_WORDS
        thing = next((w for w in words if w[:2] not in _COUNT_WORDS), "")  # the counted thing
        head = thing[:2]  # its first word
        numbers = set(re.findall(r"\d+", said))  # (a bound the question repeats tells 50万元以上 from 100万元以上)
        once = {(_plain(i.name), i.amounts[0].value, i.citation.doc_id): i for i in counts
                if not numbers or not (printed := set(re.findall(r"\d+", i.name))) or printed & numbers
                }.values()  # (one count said twice is one; a bound asked, 100万元以上, is not another's, 50万元以上)
        scored = sorted(((sum(p in _plain(i.name) for p in pairs) + 2 * len(numbers & set(re.findall(r"\d+", i.name)))
                          + 2 * (_plain(i.name) in words), i) for i in once), key=lambda si: -si[0])  # (named whole: 编制)
        if not scored or scored[0][0] == 0 or len(scored) > 1 and scored[1][0] == scored[0][0] or \
                scored[0][0] < 2 and not (head in (name := _plain(scored[0][1].name)) and (
                    thing[-2:] in name or name[-2:] in pairs or len(name) <= 2
                    or thing.endswith("车") and name.endswith("车"))):  # (执法车 is 执法执勤用车)
            return None  # (one pair shared by chance names nothing: 离休人员 is no 退休人员, 事业编制 no 编制人数,
            # 社区工作者 no 社区网格员: the thing counted is named by its last word)
        item = _newest_items([i for s, i in scored if s == scored[0][0]])[0]
        name, what = _plain(item.name), re.sub(r"^[个名位家辆台项人次]+", "", thing)  # (多少个行政村: 行政村)
        if len(what) >= 4 and what[:2] not in name and name[:2] not in what and name[-2:] == what[-2:]:
            return None  # (another kind of the same thing: 专职网格员 is no 兼职网格员)
        c = item.citation
        return Answer(answer=f"{c.unit or ''}{c.year or ''}年“{item.name}”：{item.amounts[0].value}{item.amounts[0].unit}。",
                      answerable=True, intent="figure", citations=[c])

    def _part_unprinted(self, question: str, intent: str, units, year) -> Answer | None:
        """The money of a part of a project or row that no row prints ("法治宣传教育项目里宪法宣传周具体安排了多少钱"):
        refused, not answered with the project's money."""
        part = _PART_WITHIN.search(question) or _PART_WITHIN.search(self.about or "")
        if part is None or not _MONEY_ASKED.search(part.group(0)) or any(
                _plain(part.group("part")) in _plain(i.name) for i in self.lines(units, year)):
            return None
        return self._none(question, intent, f"档案中没有找到“{part.group('part')}”单独的数字：公开文件没有把它从所在"
                                            "项目或科目中分列出来。下面是最相近的段落。")

    def _two_counts(self, question: str, units, year) -> Answer | None:
        """Two counts asked at once ("多少个教学班、多少名学生"): each, when the text states both."""
        if len(re.findall(r"(?:多少|几)[个名位家辆台所座人]", question)) < 2:
            return None
        counts = self._counts_named(question, units, year)
        return counts if counts is not None and len(counts.citations) > 1 else None

    def _spending_asked(self) -> list[str]:
        """The year's spending's key when a question asks it in words the vocabulary does not hold ("去年花了多少？",
        "前年实际支出多少"), nothing else named (not a code either, "201类支出多少"); else none."""
        about = re.sub(r"\s+", "", self.about or "")
        rest = _NO_THING.sub("", _TOTALS_WORDS.sub("", _SPENT_ASKED.sub("", re.sub(r"[（(][^（）()]*[）)]", "", about))))
        return ["expenditure_current_year"] if _SPENT_ASKED.search(about) and len(
            re.findall(r"[\u4e00-\u9fff]", rest)) < 2 and not re.search(r"\d", rest) else []

    def _whole_asked(self, question: str, units, year, intent: str) -> Answer | None:
        """A unit's whole budget or spending asked in words the vocabulary does not hold ("本级的预算是多少", "去年花了
        多少？", "局里去年开支多少啊"), nothing else named."""
        about = re.sub(r"\s+", "", self.about or "")
        if _WHOLE_BUDGET.fullmatch(about) and any(d.doc_type == DocType.budget for d in self.docs_for(units or None, year)):
            return self._figure(question, ["expenditure_grand_total"], units, year, intent)
        if self._spending_asked():
            return self._figure(question, ["expenditure_current_year"], units, year, intent)
        subject = re.split(r"比|较|与|跟|和|同比", about)[0]
        if _asks_change(question) and re.search(r"支出|花|开支", subject) and not _NO_THING.sub(
                "", _TOTALS_WORDS.sub("", subject)):  # ("去年实际支出比前年多了多少": the year's spending changed)
            return self._stated("change", ["expenditure_current_year"], units, year) \
                or self._figure(question, ["expenditure_current_year"], units, year, intent)
        return None

    def _keyless_change(self, units, year) -> Answer | None:
        """A change the text states of a row or total with no key ("财政拨款支出预算比…"), or of the whole budget
        ("本级预算比2023年多了多少"): its statement."""
        stated = [i.model_copy(update={"kind": "prose"}) for i in self.lines(units, year) if i.kind == "change"]
        score, rows = best_items(stated, self.about, metrics_too=True)
        if rows and whole(score, rows[0].name):
            return self._stated_answer(rows[0], rows[0].name)
        subject = re.sub(r"[\s的]|今年|去年|前年|本年|\d{4}年度?", "", re.split(r"比|较|与|跟|和|同比", self.about or "")[0])
        if not _WHOLE_BUDGET_NAMED.fullmatch(subject):
            return None
        whole_rows = sorted((i for i in stated if _WHOLE_BUDGET_ROW.fullmatch(_budget_named(i.name))),
                            key=lambda i: not i.name.startswith("收支"))
        if whole_rows:
            return self._stated_answer(whole_rows[0], re.sub(r"[\d,.]+万?元$", "", _budget_named(whole_rows[0].name)))
        return self._as_much_as_the_whole(stated, units, year)

    def _as_much_as_the_whole(self, stated: list[LineItem], units, year) -> Answer | None:
        """The stated change of a part of the spending that is all of it (财政拨款支出预算 37,151.47万元 of a budget of
        37,151.47万元, all of it 财政拨款): the whole budget's change, said as that part's."""
        whole_fig = _best(self.figures("expenditure_grand_total", units, year)) \
            or _best(self.figures("expenditure_current_year", units, year))
        if whole_fig is None:
            return None
        same = [i for i in stated if "支出" in i.name and any(
            a.column == "本年" and _decimal(a.value) == whole_fig.in_wanyuan() for a in i.amounts)]
        if not same:
            return None
        answer = self._stated_answer(same[0], same[0].name)
        return answer.model_copy(update={"answer": f"{answer.answer}（{same[0].name}即全部支出预算"
                                                   f"{whole_fig.in_wanyuan()}万元）"})

    def _keyless(self, question: str, units, year, intent: str) -> Answer:
        """A question naming no figure of the vocabulary: a row named whole, a project (or one of its indicators),
        a row named in part, else not found."""
        early = self._names_refused(question, intent) if _NAMES_ASKED.search(question) \
            else self._part_unprinted(question, intent, units, year) or self._two_counts(question, units, year)
        if early is not None:
            return early
        if (whole_asked := self._whole_asked(question, units, year, intent)) is not None:
            return whole_asked
        if _asks_change(question) and (changed := self._keyless_change(units, year)) is not None:
            return changed
        line = self._line(question, units, year, intent)
        if line is not None and line[1].exact and not _names_its_table(line[1].item) and (
                line[1].item.kind != "project_row" or _ROW_OF_SCORE.search(question) and not re.search(
                    r"预算|执行|花|用了|支出|资金", question)):  # (a project's money is its figures', its form's row
            return self._with_counts(question, line[0], units, year)  # answers for its score and grade)
        # a project named with 项目/经费… words, or else nearly whole ("J信息网络运维费"; 食品安全抽检 is no 食品安全监管经费)
        loose = re.search(r"项目|专项|预算|经费|资金|建设", question)
        found = self._project(question, units, year, min_share=0 if loose else 0.75) if _QUANTITY.search(question) \
            else None
        if found is not None:  # (what a project is or does is read from the passages, not its figures)
            indicator = self._project_indicator(question, units, year, found, line)
            if indicator is None and _COUNT_ASKED.search(question) and not _PROJECT_MONEY.search(question):
                # how many of something the project's table does not count: not its money
                return self._none(question, intent, "档案中没有找到这项内容：公开文件只列出这个项目的资金和绩效指标。"
                                                    "下面是最相近的段落。")
            return self._with_counts(question, indicator or found, units, year)
        if line is not None and line[1].item.kind == "project_row" and _QUANTITY.search(question):
            # (a project named by a piece of its name, as its form prints it: its indicators may hold what is asked)
            return self._project_indicator(question, units, year, line[0], line) or line[0]
        if line is not None:
            return line[0]
        return self._named_otherwise(question, units, year, intent)

    def _named_otherwise(self, question: str, units, year, intent: str) -> Answer:
        """What no row or project names: the things counted, a row named by its use, the one sentence that says it."""
        counts = self._counts_named(question, units, year)
        if counts is not None and len(counts.citations) > 1:
            return counts  # (each thing counted, before a use that names one of them)
        scored = bool(re.search(r"得分|几分|多少分|评分|打分|等级", question))
        # (a 项 whose paragraph says its money was the thing asked, before a row whose list of uses names it among others)
        used = None if scored else self._described_row(question, units, year) or self._used_for(question, units, year)
        return used or counts or self._said_once(units, year, intent) \
            or (None if scored else self._total_column(units, year)) \
            or self._none(
            question, intent, "档案中没有找到这项数字：已公开的文件里没有相关的统计口径。下面是最相近的段落。")

    def _cause_said(self, question: str, keys: list[str], units, year) -> Answer | None:
        """Why a task fell short (no figure named, an outcome asked about: "为什么没能按期完工"): the sentence giving the
        cause, in the newest document asked about that has one (:func:`app.passages.best_cause`), quoted as printed —
        not a figure's change."""
        if keys or not OUTCOME_WHY.search(self.about or question):
            return None
        for d in sorted(self.docs_for(units or None, year), key=lambda d: d.year or 0, reverse=True):
            found = best_cause(self.about, self.store.chunks_of(d.doc_id))
            if found is not None:
                said = found.shown()
                return Answer(answer=f"{d.unit or ''}{d.year or ''}年{_DOC_WORDS.get(d.doc_type, '文件')}{_QUOTED}“{said}”",
                              answerable=True, intent="reason", citations=[found.citation()], reasons=[said])
        return None

    def _share_unnamed(self, units, year) -> Answer | None:
        """A share of something no figure of the vocabulary names ("年中追加的预算占年初预算多大比例", "城乡社区支出占实际
        支出的比重"): the sentence that states it ("年中追加数占年初预算的27.48%"), not the figure its base names."""
        about = self.about or ""
        at = about.find("占")
        if at < 2 or not _ASKS_SHARE.search(about[at:]) or metric_keys(about[:at], generic=False):
            return None
        said = self._said_once(units, year, "figure")
        if said is not None and any(re.search(r"占[^。；;]{0,24}?\d+(?:\.\d+)?\s*[%％]", c.quote) for c in said.citations):
            return said
        # (no share printed: computed from the two amounts the sentence naming both prints, "年初预算数为4,800.00万元，
        # 年中追加预算1,445.80万元")
        asked = _ASKS_SHARE.search(about, at)
        said = self._said_once(units, year, "figure", about[:asked.start()])
        if said is None:
            return None
        part = _amount_named(said.citations[0].quote, about[:at])
        whole = _amount_named(said.citations[0].quote, re.sub(r"的?(?:多大|多少|几)?$", "", about[at + 1:asked.start()]))
        if part is None or whole is None or part[1] == whole[1] or not whole[0]:
            return None
        share = (part[0] / whole[0] * 100).quantize(Decimal("0.01"))
        return said.model_copy(update={"answer": f"{said.answer}。{part[1]}{part[0]}万元占{whole[1]}{whole[0]}万元的"
                                                 f"{share}%（计算所得）"})

    def _said_once(self, units, year, intent: str, about: str | None = None) -> Answer | None:
        """The sentence or table row that states what is asked (``about``, else the question's words), in the documents
        asked about (:mod:`app.passages`; of two as good, the newer document's), quoted as printed."""
        docs = sorted(self.docs_for(units or None, year), key=lambda d: d.year or 0, reverse=True)
        chunks = [c for d in docs for c in self.store.chunks_of(d.doc_id)]
        found = best_statement(about or self.about, chunks, {d.year for d in docs if d.year} | set(self.years_asked))
        by_id = {d.doc_id: d for d in docs}
        # (a sentence of a member's own money, "其中，某服务中心本年收入…", is not the unit's)
        found = [st for st in found if not of_a_member(st.plain, by_id[st.chunk.doc_id].unit)]
        if not found:
            return None
        d = by_id[found[0].chunk.doc_id]
        said = "；".join(f"“{s.shown()}”" for s in found)
        return Answer(answer=f"{d.unit or ''}{d.year or ''}年{_DOC_WORDS.get(d.doc_type, '文件')}{_QUOTED}{said}",
                      answerable=True, intent=intent, citations=[s.citation() for s in found])

    def _use_of(self, question: str, units, year) -> Answer | None:
        """What a row or task is for ("…支出2365.94万主要用于什么", "那130万援疆资金用来干什么"): a task's 主要内容 cell
        (a 整体支出绩效目标表 prints it beside the task's money), else the text's "…（项）”29,381.00万元，主要用于…" of the
        row the question names."""
        tasks = [f for f in self.store.figures_where_like("project:%", units or None, year) if f.key.endswith(":budget")]
        stated = set(re.findall(r"(\d+(?:\.\d+)?)\s*万", question))  # ("那130万援疆资金": the task of that amount)
        named = {f.key.split(":")[1] for f in tasks if f.value.rstrip("0").rstrip(".") in stated}
        task = _named_of(self.about, named) if named else self._named_project(self.about, tasks) if tasks else None
        for f in (f for f in tasks if task and f.key == f"project:{task}:budget"):
            cells = [c.strip() for c in re.split(r"\t| {2,}", f.citation.quote) if c.strip()]
            content = next((c for c in cells if len(re.findall(r"[\u4e00-\u9fff]", c)) >= 8 and _plain(c) != _plain(task)),
                           None)
            if content:
                return Answer(answer=f"{self._who(f)}“{task}”预算{_fmt(f)}，主要内容：{content.rstrip('。')}。",
                              answerable=True, intent="reason", figures=[f], citations=[f.citation], reasons=[content])
        uses = [(c, m) for d in self.docs_for(units or None, year) for c in self.store.chunks_of(d.doc_id)
                for m in _USED_FOR.finditer(re.sub(r"(?<=\d),(?=\d{3})|\s+", "", c.body))  # (its body, not headings)
                if not re.search(r"以下|如下", m.group("use"))]  # (a list follows: its parts)
        asked = re.sub(r"(?:主要|都|是)?(?:用于|用途|用来|用在|花在|干什么|干啥|做什么|拿来).*$", "", self.about)
        ranges = amounts_said(question)  # ("那笔两亿九千多万的…支出": the row of that size; of several, the one named)
        sized = [(c, m) for c, m in uses if any(low <= float(v) <= high for low, high in ranges
                                                for v in re.findall(r"(\d+(?:\.\d+)?)万元", m.group(0)))]
        grams = _char_pairs(*re.findall(r"[\u4e00-\u9fff]{2,}", asked))
        sized.sort(key=lambda cm: -sum(g in cm[1].group("row") for g in grams))
        if len(sized) == 1 or len(sized) > 1 and sum(g in sized[0][1].group("row") for g in grams) > sum(
                g in sized[1][1].group("row") for g in grams):
            chunk, m = sized[0]
            return _use_said(chunk, m, _row_name(m))
        if len(sized) > 1:  # several rows of that size and none named: ask which
            rows = "；".join(f"{_row_name(m)}{m.group('v')}万元" for _, m in sized[:6])
            return Answer(answer=f"文件里这个金额的支出有{len(sized)}项：{rows}。请说明问的是哪一项。", answerable=False,
                          intent="reason", citations=[c.citation for c, _ in sized[:6]])
        keys = metric_keys(asked, generic=False)
        if len(keys) == 1:  # a figure of the vocabulary ("公车运行费用在哪"): the use printed after its own amount
            for chunk, m in uses:
                named = re.split(r"[，,、]", m.group("row"))[-1].strip()
                if metric_keys(named, generic=False) == keys:
                    return _use_said(chunk, m, named)
        score, rows = best_items(self.lines(units, year), asked, metrics_too=True)
        if not rows or not whole(score, rows[0].name):
            return None
        name = rows[0].name
        tail = r"[(（]?[项款类]?[)）]?[“”\"]?(?:(?:年初|全年|调整后)?预算数?|(?:支出)?决算数?)?(?:为|是)?$"  # (…支出年初预算605.43万元)
        ends = re.compile(rf"(?<![\u4e00-\u9fff]){re.escape(name)}{tail}|[)）]{re.escape(name)}{tail}")
        # (another row's name holding this one's is not this row)
        return next((_use_said(chunk, m, name) for chunk, m in uses if ends.search(m.group("row"))), None)

    def _used_for(self, question: str, units, year) -> Answer | None:
        """A row named by what the text says it is for ("标准化菜场这块安排了多少" → "…（项）”3136.40万元，主要用于标准化
        菜场及副食品行业管理"): the amount printed before that 用于, when a word of three characters or more of the
        question is in the use, in a passage of the unit and year asked."""
        if not re.search(r"多少|几", question) or (_COUNT_ASKED.search(question) or _PEOPLE_ASKED.search(question)) \
                and not re.search(r"钱|万元|经费|资金|预算|支出|花", question):
            return None  # (a count asked, "福利院有多少人", "有多少在职人员": no amount is its answer)
        words = {run[i:i + n] for run in re.findall(r"[\u4e00-\u9fff]{3,}", self.about or question)
                 for n in range(3, 9) for i in range(len(run) - n + 1)} - _GENERIC_USE_WORDS
        best, best_len = None, 2
        for hit in self.search(question, 8):
            c = hit.citation
            if units and c.unit not in units or year and c.year != year:
                continue
            for m in _USED_FOR.finditer(re.sub(r"\s+", "", hit.text)):
                shared = max((len(w) for w in words if w in m.group("use")), default=0)
                if shared > best_len:
                    best, best_len = (m, c), shared
        if best is None:
            return None
        m, c = best
        row = m.group("row").strip("“”\"0123456789.、 ")
        return Answer(answer=f"{c.unit or ''}{c.year or ''}年{row}{m.group('v')}万元，文件说明主要用于{m.group('use')}。",
                      answerable=True, intent="figure", citations=[c])

    def _table_total(self, keys: list[str], units, year) -> Answer | None:
        """A figure no statement gives but a table of its own name totals ("项目支出合计多少" → the 项目支出表's 合计
        row): that row's first amount, in the newest document asked about."""
        for key in keys:
            own = re.compile(rf"^(?:表\s*\d+\s*)?(?:{re.escape(label(key))})(?:预算|决算)?表$")
            rows = [i for i in self.lines(units, year) if i.name in ("合计", "总计") and i.amounts
                    and own.match(re.sub(r"\s+", "", i.table or ""))]
            if rows:
                i = max(rows, key=lambda r: r.citation.year or 0)
                a, c = i.amounts[0], i.citation
                return Answer(answer=f"{c.unit or ''}{c.year or ''}年《{i.table}》合计：{a.column or ''}{a.value}{a.unit}。",
                              answerable=True, intent="figure", citations=[c])
        return None

    def _total_column(self, units, year) -> Answer | None:
        """A column of a table's total row the question names and no figure holds ("事业收入预算多少" of a 收入预算总表
        listed by unit: its 合计 row's 事业收入), in the newest document asked about that prints one."""
        asked = re.sub(r"(?:预算|决算)?(?:数|额)?(?:是|有|为)?(?:多少|几).*$", "", self.about or "")
        found = [(i, a) for i in self.lines(units, year) if i.kind in ("grid", "unit_row") and i.name in ("合计", "总计")
                 for a in i.amounts if a.column and len(a.column) >= 4 and re.sub(r"(?:合计|数)$", "", a.column) == asked]
        if not found:
            return None
        i, a = max(found, key=lambda f: f[0].citation.year or 0)
        c = i.citation
        return Answer(answer=f"{c.unit or ''}{c.year or ''}年{'《' + i.table + '》' if i.table else ''}合计行中，"
                             f"{a.column}为{a.value}{a.unit}。", answerable=True, intent="figure", citations=[c])

    def _described_row(self, question: str, units, year) -> Answer | None:
        """A 项 named by what its paragraph says its money was ("普惠托育补助花了多少" → "…其他计划生育事务支出（项）。
        年初预算为0.00万元，支出决算为60.00万元。…决算数为年中追加的普惠托育机构建设运营补助资金"): that 项's
        figures and the clause that names it, when one clause after a 项's amounts holds the thing asked (four
        characters or more before 花了/多少…) character by character in order, a run of four of them together, and the
        clauses of no other 项 do (the newest document's, of one 项 in two years)."""
        if not re.search(r"多少|几", question) or not _MONEY_ASKED.search(question) or re.search(r"每|人均|平均", question):
            return None  # (an amount per person or per place is no 项's money)
        thing = re.split(r"花了|用了|花|用|是多少|有多少|多少|安排|支出|拨|投入|一共|总共|共计|合计|[，,？?。]",
                         re.sub(r"\s+", "", self.about or question))[0].strip("的")
        if len(thing) < 4 or not re.fullmatch(r"[\u4e00-\u9fff]+", thing):
            return None
        in_order = re.compile(".{0,12}?".join(map(re.escape, thing)))
        runs = {thing[i:i + 4] for i in range(len(thing) - 3)}
        found: list[tuple[LineItem, str]] = []
        for item in self.lines(units, year):
            if item.kind != "prose" or not item.path:
                continue
            told = re.sub(r"\s+", "", item.citation.quote)
            told = told[told.find("万元") + 2:] if "万元" in told else ""  # (what follows its first amount)
            clause = next((c for c in re.split(r"[。；;，,]", told) if in_order.search(c) and _WHAT_IT_WAS.match(c)
                           and "、" not in c and any(r in c and r not in item.name for r in runs)), None)
            if clause is not None:  # (said with its whole sentence: "…资金，全年向62名困难当事人发放司法救助金")
                found.append((item, next(s for s in told.split("。") if clause in s)))
        if len({i.name for i, _ in found}) != 1:
            return None
        item, clause = max(found, key=lambda b: b[0].citation.year or 0)
        d = self.store.doc(item.citation.doc_id)
        kind = _DOC_WORDS.get(d.doc_type, "文件") if d else "文件"
        return Answer(answer=f"{item.citation.unit or ''}{item.citation.year or ''}年{kind}中，"
                             f"{describe(item, d is not None and d.doc_type == DocType.budget)}（文件说明：{clause}）。",
                      answerable=True, intent="figure", citations=[item.citation])

    def _missing(self, question: str, keys: list[str], units, year, intent: str) -> Answer:
        """No figure for the keys: a row or an indicator the question names ("公务保障用车数量定的是多少辆"), a nil
        the document states, a count, the one sentence that states it, or not found."""
        line = self._line(question, units, year, intent)
        if line is not None and (line[1].exact or line[1].item.kind == "indicator"):
            return line[0]
        return self._nil(keys, units, year, intent) or self._staff_task(keys, units, year) \
            or self._table_total(keys, units, year) \
            or self._count_named(question, units, year) or self._said_once(units, year, intent) \
            or self._not_found(question, keys, units, year, intent)

    def _staff_task(self, keys: list[str], units, year) -> Answer | None:
        """人员经费 of a document that prints none but funds its people as a task or project of its own (an 整体支出
        绩效目标表's "…基本人员保障", "人员工资"): that task's budget, said to be the task's."""
        if keys != ["personnel_expenses"]:
            return None
        rows = self.scoped(self.store.figures_where_like("project:%", units, year))
        staff = [f for f in rows if f.key.endswith(":budget") and re.search(r"人员(?:保障|经费|工资|支出)|工资福利",
                                                                            f.key.split(":")[1])]
        if len(staff) != 1:
            return None
        f = staff[0]
        name = f.key.split(":")[1]
        return Answer(answer=f"{self._who(f)}文件没有单列人员经费；保障人员工资福利的任务{_quoted(name)}预算为{_fmt(f)}。",
                      answerable=True, intent="figure", figures=[f], citations=[f.citation])

    def _not_found(self, question: str, keys: list[str], units, year, intent: str) -> Answer:
        who = "、".join(units) if units else ""
        when = f"{year}年" if year else ""
        return self._none(question, intent, f"档案中没有找到{who}{when}的{'、'.join(label(k) for k in keys)}。")

    def _graded(self, question: str, units, year) -> Answer | None:
        """The projects whose self-evaluation score earns the grade asked ("自评为“良”的项目有哪些"), by the national
        bands, each with its score; None when no grade is asked by name or no project score is stored."""
        from extraction.rules_projects import grade_of

        # a grade named as one (自评为“良”, 评为优秀, 是良好的), not 中 or 差 as words (自评中, 差距)
        asked = re.search(r"(?:(?:自评|评价|等级|评)(?:为|是|结果为|结果是|等级为)?|是)[“\"]?([优良中差])(?:好|秀|等)?[”\"]?"
                          r"(?=的|等|档|级|[，,。？?]|$)", question)
        if asked is None or not re.search(r"哪|什么项目", question):
            return None  # (how many of a grade: the document's own count, :meth:`_evaluation_summary`)
        scores = [f for f in self.scoped(self.store.figures_where_like("project:%:score", units or None, year))
                  if f.in_wanyuan() is None]
        if not scores:
            return None
        newest = max(f.citation.year or 0 for f in scores)
        scores = [f for f in scores if (f.citation.year or 0) == newest]
        graded = sorted((f for f in scores if grade_of(f.amount()) == asked.group(1)), key=lambda f: -f.amount())
        who = self._who(scores[0])
        if not graded:
            return Answer(answer=f"{who}自评的{len(scores)}个项目中，没有得分在“{asked.group(1)}”档的项目。",
                          answerable=True, intent="list", citations=[f.citation for f in scores[:3]])
        said = "，".join(f"{f.key.split(':')[1]}（{f.value}分）" for f in graded)
        # the count the document states for the grade, when its printed self-evaluation tables are fewer
        stated = next((m for i in self.lines(units, newest) if i.kind == "evaluation"
                       if (m := re.search(rf"(\d+)个项目(?:自评)?(?:为|得分为|评为)?[“\"]?{asked.group(1)}", i.name))), None)
        note = f"文件说明自评为“{asked.group(1)}”的项目共{stated.group(1)}个，所附自评表中" \
            if stated and int(stated.group(1)) != len(graded) else ""
        return Answer(answer=f"{who}{note}自评为“{asked.group(1)}”的项目有{len(graded)}个：{said}（按90分及以上为优、"
                             f"80–90分为良、60–80分为中、60分以下为差）。", answerable=True, intent="list", figures=graded,
                      citations=[f.citation for f in graded])

    def _evaluation_summary(self, question: str, units, year) -> Answer | None:
        """How many projects were evaluated, with what money and grades: the document's own sentences, those that
        share the most words with the question first (自评, 平均, 优…)."""
        found = [i for i in self.lines(units, year) if i.kind == "evaluation"]
        if not found:
            return None
        if "自评" in question:  # a self-evaluation asked: a sentence about targets (编报绩效目标) does not answer it
            found = [i for i in found if "自评" in i.name]
        if not found:
            return None
        words = [w for w in ("自评", "评价", "平均", "得分", "优", "良", "中", "差", "目标", "跟踪", "执行", "资金", "预算",
                             "原因") if w in question]
        found.sort(key=lambda i: -sum(w in i.name for w in words))  # (stable: the document's order among equals)
        c = found[0].citation
        said = "".join(i.name for i in found[:2])
        head = f"{c.unit or ''}{c.year or ''}年"
        answer = said if said.startswith(c.unit or "—") else f"{head}：{said}"
        return Answer(answer=answer, answerable=True, intent="figure", citations=[i.citation for i in found[:2]])

    def _fund_nil(self, question: str, keys: list[str], units, year, intent: str) -> Answer | None:
        """A fund the question names (政府性基金, 国有资本经营…) that the document says it has none of: 0, even when a
        figure of the question's other words exists (政府性基金预算财政拨款收入 is not 财政拨款收入)."""
        words = [w for w in _FUNDS if w in question and not any(
            w in label(k) and self.figures(k, units, year) for k in keys)]  # (a fund's own figure, when printed, answers)
        for item in self.lines(units, year) if words else []:
            if item.kind == "nil" and any(w in item.name for w in words):
                c = item.citation
                sentence = re.sub(r"\s+", "", c.quote)
                answer = f"{c.unit or ''}{c.year or ''}年{words[0]}为0：文件说明“{sentence}”。"
                return Answer(answer=answer, answerable=True, intent=intent, citations=[c])
        return None

    def _nil(self, keys: list[str], units, year, intent: str) -> Answer | None:
        """A figure the document says it has none of ("本单位本年度无政府性基金预算财政拨款收入、支出…"): 0, cited."""
        for key in keys:
            for item in self.lines(units, year):
                if item.kind == "nil" and names_metric(key, item.name):
                    c = item.citation
                    sentence = re.sub(r"\s+", "", c.quote)
                    answer = f"{c.unit or ''}{c.year or ''}年{label(key)}为0：文件说明“{sentence}”。"
                    return Answer(answer=answer, answerable=True, intent=intent, citations=[c])
        return None

    def _project_reasons(self, question: str, project: str, reasons: list[Reason], figures: list[Figure],
                         stated: list[Reason] = (), analysis: list[LineItem] = ()) -> Answer | None:
        """Why a named project spent or scored less than planned: what it was given, spent and scored (the figures
        the question is about: 一分没花, 只有“中”); the document's own explanation of its grade when the prose gives
        one (“某项目”自评为“中”的主要原因是…, ``stated``); then its self-evaluation's 偏差原因 cells, the money
        indicators first when the question is about money (花, 钱, 资金…), at most three distinct reasons; then the
        self-evaluation's written rows the question asks for (``analysis``: 问题及原因分析, 改进措施…)."""
        if not reasons and not stated and not analysis:
            return None
        def indicator(r: Reason) -> str:
            return (r.label or "").removeprefix(f"{project} ")

        money = bool(re.search(r"花|钱|资金|预算|执行|支付|成本", question))
        ranked = sorted(reasons, key=lambda r: -(money and bool(re.search(r"成本|资金|预算|支出|执行", indicator(r)))))
        kept: list[Reason] = []
        for r in ranked:
            if r.reason not in {k.reason for k in kept}:
                kept.append(r)
        kept = kept[:3]
        told = [_own_clause(r.sentence, r.reason, project) for r in stated[:1]]
        c = ([r.citation for r in stated[:1] or kept] or [i.citation for i in analysis])[0]
        said = "；".join([f"文件的说明：{t.rstrip('。')}" for t in told]
                        + [f"{indicator(r)}：{r.reason.rstrip('。')}" for r in kept]
                        + [f"自评表“{i.name}”：{(i.reason or '').rstrip('。')}" for i in analysis])
        kept = stated[:1] + kept
        own = {f.key.rsplit(":", 1)[-1]: f for f in figures
               if f.key.startswith(f"project:{project}:") and f.citation.doc_id == c.doc_id}
        words = (("budget", "全年预算"), ("actual", "执行"), ("execution_rate", "执行率"), ("score", "自评得分"))
        shown = [(own[k], name) for k, name in words if k in own]
        facts = "，".join(f"{name}{_fmt(f)}" for f, name in shown)
        if "score" in own and own["score"].in_wanyuan() is None:
            from extraction.rules_projects import grade_of

            facts += f"（{grade_of(own['score'].amount())}）"
        head = f"{c.unit or ''}{c.year or ''}年{project}" + (f"：{facts}。" if facts else "")
        return Answer(answer=f"{head}原因——{said}。", answerable=True, intent="reason",
                      figures=[f for f, _ in shown],
                      citations=list({(x.doc_id, x.char_start, x.char_end): x for x in
                                      [r.citation for r in kept] + [i.citation for i in analysis]
                                      + [f.citation for f, _ in shown]}.values()),
                      reasons=[r.reason for r in kept] + [i.reason or "" for i in analysis])

    def _grand_total_note(self, spent: Figure, figs: list[Figure]) -> str:
        """What 支出总计 adds to 本年支出合计 when the document prints both (the year-end carry-over)."""
        doc = spent.citation.doc_id
        grand = _best([f for f in self.store.figures_of(doc) if f.key == "expenditure_grand_total"])
        if grand is None or grand.in_wanyuan() is None or grand.in_wanyuan() - spent.in_wanyuan() <= _step(grand):
            return ""
        figs.append(grand)
        extra = (grand.in_wanyuan() - spent.in_wanyuan()).quantize(Decimal("0.01"))
        return f"（支出总计{_fmt(grand)}，多出的{extra}万元是年末结转和结余，不是当年花掉的钱）"

    def _list(self, question: str, keys: list[str], units, year) -> Answer:
        if _NAMES_ASKED.search(question):
            return self._names_refused(question, "list")
        if not keys and (part := self._part_unprinted(question, "list", units, year)) is not None:
            return part  # ("…项目里各期培训班分别安排了多少钱": parts no row prints)
        if "三公" not in question:
            return self._items(question, keys, units, year)
        budget = bool(re.search(r"预算", question))
        total_key = "three_public_budget" if budget else "three_public_actual"
        total = _best(self.figures(total_key, units, year, budget or None))
        items = [(k, _best(self.figures(k, units, year, budget or None))) for k in THREE_PUBLIC_ITEMS]
        found = [(k, f) for k, f in items if f is not None]
        if not found:
            return self._figure(question, keys or [total_key], units, year, "list")
        text = "，".join(f"{label(k)}{_fmt(f)}" for k, f in found)
        head = f"{self._who(found[0][1])}“三公”经费{'预算' if budget else ''}"
        head += f"共{_fmt(total)}，" if total else "包括："
        # another figure asked beside them ("三公经费预算和机关运行经费预算各多少")
        others = [(k, f) for k in keys if not k.startswith("three_public") and k not in THREE_PUBLIC_ITEMS
                  and (f := _best(self.figures(k, units, year))) is not None]
        text += "".join(f"；{label(k)}{'预算' if budget and '预算' not in label(k) else ''}为{_fmt(f)}" for k, f in others)
        figs = ([total] if total else []) + [f for _, f in found] + [f for _, f in others]
        if (way := re.search(r"最(?P<w>[多少高低大小])", question)) and len(found) > 1:  # ("三公经费里最多的是哪一项")
            pick = max if way.group("w") in "多高大" else min
            k, f = pick(found, key=lambda kf: kf[1].in_wanyuan())
            text += f"；其中最{way.group('w')}的是{label(k)}（{_fmt(f)}）"
        return Answer(answer=head + text + "。", answerable=True, intent="list", figures=figs,
                      citations=[f.citation for f in figs])

    def _parts(self, keys: list[str], units, year) -> Answer | None:
        """The parts a document prints after a total in the same sentence ("共有车辆17辆。其中：机要通信用车1辆、
        执法执勤用车15辆…"): the total and each part counted, cited; the newest document's first."""
        lines = [i for i in self.lines(units, year) if i.kind == "count"]  # (money parts are rows of their tables)
        for total in sorted(self.scoped(self.figures(keys[0], units, year)), key=lambda f: -(f.citation.year or 0)):
            c = total.citation
            if c.line_start is None:
                continue
            parts = [i for i in lines
                     if i.citation.doc_id == c.doc_id and i.amounts and i.kind not in ("change", "nil", "vs_budget")
                     and i.citation.line_start is not None
                     and c.line_start <= i.citation.line_start <= (c.line_end or c.line_start)
                     and i.citation.char_start > c.char_start and i.amounts[0].unit == total.unit]
            if parts:
                said = "，".join(f"{i.name}{i.amounts[0].value}{i.amounts[0].unit}" for i in parts)
                return Answer(answer=f"{self._who(total)}{label(keys[0])}共{_fmt(total)}，其中：{said}。",
                              answerable=True, intent="list", figures=[total],
                              citations=[c, *(i.citation for i in parts)])
        return None

    def _items(self, question: str, keys: list[str], units, year) -> Answer:
        """The items of a whole, as stated: the classes (类) of 一般公共预算 spending, or the projects (a target
        table's tasks) with the field asked (:mod:`app.projects`): all of them, those meeting a condition
        ("执行率没有达到100%"), or the highest / lowest."""
        field = asked_field(question) if re.search(r"专项|项目|任务", question) else None
        if field is None and not re.search(r"类(?!型|别)|科目|功能|支出|花在|用在|方面", question):
            return self._figure(question, keys, units, year, "list")  # (no whole of items is named)
        rows = _newest(self.scoped(self.store.figures_where_like(f"project:%:{field}" if field else "gpb_class:%",
                                                                 units, year)))
        per_item: dict[str, Figure] = {}
        for f in rows:
            if f.key not in per_item or (f.unit == "万元" and per_item[f.key].unit != "万元"):
                per_item[f.key] = f
        if not per_item:
            return self._figure(question, keys, units, year, "list")
        figs = list(per_item.values())
        what = f"项目{PROJECT_FIELD_LABELS[field]}" if field else "一般公共预算财政拨款支出按功能分类（类）"
        test = condition(question, field) if field else None
        way = extreme(question) if field and test is None else None
        if test is not None:
            check, words, tested = test
            if tested is None:  # a bound on an indicator (满意度达到95%): no project field holds it
                return self._none(question, "list", "档案中没有找到按这一条件列出的项目：这个条件不是项目的资金或自评得分。")
            measured = {f.key.split(":")[1]: f for f in _newest(self.scoped(self.store.figures_where_like(
                f"project:%:{tested}", units, year)))} if tested != field else {f.key.split(":")[1]: f for f in figs}
            passing = {n for n, f in measured.items() if _decimal(f.value) is not None and check(_decimal(f.value))}
            kept = [f for f in figs if f.key.split(":")[1] in passing]
            if not kept:  # none meets it: say so, citing the rows read
                return Answer(answer=f"{self._who(figs[0])}{len(measured)}个项目中，没有{words}的项目。", answerable=True,
                              intent="list", figures=list(measured.values()),
                              citations=[f.citation for f in measured.values()])
            what = f"{words}的项目（共{len(measured)}个项目中的{len(kept)}个）"
            what, figs = what + (f"的{PROJECT_FIELD_LABELS[field]}" if tested != field else ""), kept
        elif way is not None and (valued := [f for f in figs if _decimal(f.value) is not None]):
            pick = (max if way == "max" else min)(_decimal(f.value) for f in valued)
            figs = [f for f in valued if _decimal(f.value) == pick]
            what = f"{PROJECT_FIELD_LABELS[field]}{'最高' if way == 'max' else '最低'}的项目"
        names = "，".join(_named(f.key.split(":")[1], f) for f in figs)
        computed: dict[str, str] = {}
        money = [f.in_wanyuan() for f in figs]
        if _ASKS_SUM.search(question) and len(figs) > 1 and all(v is not None for v in money):
            computed = {"sum": str(sum(money)), "unit": "万元"}  # ("各项任务预算加起来一共多少": added up, said so)
            names += f"；{len(figs)}项合计{sum(money)}万元（计算所得）"
        return Answer(answer=f"{self._who(figs[0])}{what}：{names}。", answerable=True, intent="list", figures=figs,
                      citations=[f.citation for f in figs], computed=computed)

    def _stated(self, kind: str, keys: list[str], units, year) -> Answer | None:
        """What the document itself states for a figure the question names: its change against last year
        (``kind="change"``: "“三公”经费支出31.19万元，比上年减少3.10万元，下降9.04%") or its 年初预算 against 决算
        (``"vs_budget"``: "一般公共服务支出年初预算4,311.18万元，支出决算3,864.28万元，完成年初预算的89.63%");
        :mod:`extraction.lineitems`. The words before the statement must name the figure (a vocabulary key, else a
        classified row the question names whole)."""
        stated = [i for i in self.lines(units, year)
                  if i.kind == kind]
        stated.sort(key=lambda i: not any(a.column == "增减率" for a in i.amounts))  # (a statement with its rate first)
        last_clause = [(re.split(r"[，,：:；;]", i.name)[-1], i) for i in stated]
        # the words next to the statement first; the whole sentence only where those words name no other figure
        whole = [(i.name, i) for last, i in last_clause if not any(names_metric(k, last) for k in FIGURE_KEYS)]
        subjects = [k for k in keys if k != "gpb_initial_budget" or kind != "vs_budget"]  # (年初预算: the column)
        if len(subjects) > 1 and "gpb_expenditure" in subjects:  # 一般公共预算基本支出: the fund names the part's money
            subjects.remove("gpb_expenditure")
        for words in (last_clause, whole):
            for key in subjects:
                for name, item in words:
                    if names_metric(key, name) and not self._named_nearer(key, name, subjects):
                        planned = item.citation.doc_type == DocType.budget and key == "three_public_actual"
                        what = label("three_public_budget" if planned else key)  # (a budget's 三公 money is its budget)
                        if words is whole:  # (the sentence names the figure, its last clause a part: "其中当年拨款…")
                            what = re.sub(r"^(?:其中|含)[:：]?", "", _statement_name(name)) or what
                        return self._stated_answer(item, item.name if kind == "vs_budget" else what)
        if kind == "vs_budget":
            score, rows = best_items([i.model_copy(update={"kind": "prose"}) for i in stated], self.about,
                                     metrics_too=True)
            if rows:  # (the statement's own words are shown: a loose match is seen for what it is)
                return self._stated_answer(rows[0], rows[0].name)
        return None

    @staticmethod
    def _named_nearer(key: str, clause: str, asked: list[str]) -> bool:
        """Whether ``key`` is named only by an everyday word of it and a figure not asked is printed nearer the clause's
        end (the amount is that figure's: "一般公共预算“三公”经费预算14.60万元" is no 一般公共预算 money)."""
        own = printed_end(key, clause, aliases=True)
        return own >= 0 and printed_end(key, clause) < 0 and any(
            printed_end(k, clause) > own for k in FIGURE_KEYS if k not in asked)

    @staticmethod
    def _stated_answer(item: LineItem, what: str) -> Answer:
        c = item.citation
        said = "，".join(_said(a) for a in item.amounts if a.column != "本年")
        now = next((f"为{a.value}{a.unit}" for a in item.amounts if a.column == "本年"), "")
        if item.kind != "vs_budget" and (not now or _plain(what) not in _plain(item.name)):
            # (the statement's own words, unless they print the figure's name: a loose match is seen for what it is)
            what = _statement_name(item.name) if now else item.name
        computed: dict[str, str] = {}
        gap_words = ""
        gap = budget_gap(item.amounts)
        if gap is not None:
            gap_words = gap_said(*gap) if gap[0] else "；两者相同"
            computed = {"difference": str(abs(gap[0])), "unit": "万元"}
        elif (change := year_change(item.amounts)) is not None:  # (two years printed, no change stated with them)
            gap_words = change_said(*change)
            computed = {"difference": str(abs(change[0])), "unit": "万元",
                        **({"change_rate": f"{abs(change[1])}%"} if change[1] is not None else {})}
        answer = f"{c.unit or ''}{c.year or ''}年{what}{now}，{said}（文件所载）{gap_words}。"
        return Answer(answer=answer, answerable=True, intent="comparison", citations=[c], computed=computed)

    def _pairs(self, question: str, keys: list[str], units, years,
               mentions: list[UnitMention]) -> list[tuple[str, Figure]]:
        """What a comparison compares, each named: two figures of one unit, two units, two years, or a figure's
        budget and its actual."""
        key = keys[0]
        pairs: list[tuple[str, Figure]] = []
        entities = [(m.phrase, m.units) for m in mentions]
        actual_key = _ACTUAL_OF.get(key, key)
        other = next((k for k in keys[1:] if _ACTUAL_OF.get(k, k) != actual_key), None)
        if other is not None and len(entities) <= 1 and len(years) <= 1:  # two figures of one unit (基本支出比项目支出)
            for k in (key, other):
                f = _best(self.figures(k, units, years[0] if years else None))
                if f:
                    pairs.append((label(k), f))
        elif len(entities) > 1 and len(years) <= 1:
            for name, group in entities[:2]:
                f = _best(self.figures(actual_key, group, years[0] if years else None))
                if f:
                    pairs.append((name, f))
        elif len(years) >= 2:
            for y in years[:2]:
                docs = {d.doc_id: d.doc_type for d in self.docs_for(units or None, y)}
                only_budget = bool(docs) and all(t == DocType.budget for t in docs.values())
                budget_year = only_budget or bool(re.search(rf"(?:{y}|{y % 100})年?[^0-9]{{0,8}}预算", question))
                k = "three_public_budget" if key.startswith("three_public") and budget_year else actual_key
                f = _best(self.figures(k, units, y, budget_year or None)) or _best(self.figures(actual_key, units, y))
                if f:  # (named by the document it comes from: a year held only as a budget is a budget's figure)
                    planned = docs.get(f.citation.doc_id) == DocType.budget or f.key == "three_public_budget"
                    kind = ("预算" if planned else "实际") if f.in_wanyuan() is not None else ""  # (a count is neither)
                    pairs.append((f"{y}年{kind}", f))
        else:
            year = years[0] if years else None
            budget_key = {"three_public_actual": "three_public_budget", "gpb_expenditure": "gpb_initial_budget"}.get(
                actual_key)
            if budget_key:
                b = _best(self.figures(budget_key, units, year))
                a = _best(self.figures(actual_key, units, year, False))
                if b and a:
                    pairs = [("预算", b), ("实际", a)]
        return pairs

    def _compare(self, question: str, keys: list[str], units, years, mentions: list[UnitMention]) -> Answer | None:
        pairs = self._pairs(question, keys, units, years, mentions)
        if len(pairs) < 2:
            return None
        (n1, f1), (n2, f2) = pairs[:2]
        v1, v2 = f1.in_wanyuan() or f1.amount(), f2.in_wanyuan() or f2.amount()
        diff = abs(v1 - v2).quantize(Decimal("0.01")) if "." in f1.value + f2.value else abs(v1 - v2)
        more = n1 if v1 > v2 else n2
        unit = "万元" if f1.in_wanyuan() is not None else f1.unit  # (a count compares in its own unit: 辆, 人)
        verdict = f"两者相同，差额为{diff}{unit}" if v1 == v2 else f"{more}多{diff}{unit}"
        if f1.unit == f2.unit == "元" and v1 != v2:  # (both printed in 元: the exact difference as printed too)
            verdict += f"（即{abs(f1.amount() - f2.amount())}元）"
        if v1 and v2 and v1 != v2:
            low, high = sorted([v1, v2])
            verdict += f"（高出{((high - low) / low * 100).quantize(Decimal('0.01'))}%）" if low else ""
            verdict += _against_earlier(n1, v1, n2, v2, unit)
            if re.search(r"几倍|多少倍", question) and low:
                verdict += f"；{more}是{n2 if more == n1 else n1}的{(high / low).quantize(Decimal('0.01'))}倍"
        computed = {"difference": str(diff), "unit": unit}
        if (n1, n2) == ("预算", "实际") and v1:
            printed = _printed_rate(f1, f2)
            rate = printed or f"{(v2 / v1 * 100).quantize(Decimal('0.01'))}%"
            verdict += f"；实际为预算的{rate}" + ("（文件所载）" if printed else "")
            computed["completion_rate"] = rate
        head = "" if f1.key != f2.key and n1 == label(f1.key) else f"{label(f1.key)}："
        answer = f"{head}{n1}{_fmt(f1)}，{n2}{_fmt(f2)}；{verdict}。"
        return Answer(answer=answer, answerable=True, intent="comparison", figures=[f1, f2],
                      citations=[f1.citation, f2.citation], computed=computed)

    def _row_reason(self, units, year) -> tuple[Answer, str] | None:
        """Why a classified row changed, when the question names it whole and its 项 sentence gives a reason
        ("食品安全监管（项）…主要原因是…")."""
        items = [i if i.kind != "change" else i.model_copy(update={"kind": "prose"}) for i in self.lines(units, year)
                 if i.reason]  # (a stated change is named by its words)
        score, found = best_items(items, self.about, metrics_too=True)  # (the caller decides for a vocabulary figure)
        if not found or not (whole(score, found[0].name) or score >= 4 and len({_plain(f.name) for f in found}) == 1):
            return None  # (named whole, or by a run of four characters or more that names no other row: 环境卫生)
        item = found[0]
        c = item.citation
        said = "，".join(_said(a) for a in item.amounts)
        answer = f"{c.unit or ''}{c.year or ''}年“{item.name}”{said}，原因：{item.reason}"
        return Answer(answer=answer, answerable=True, intent="reason", citations=[c], reasons=[item.reason]), item.name

    def _reason(self, question: str, keys: list[str], units, year) -> Answer:
        budget_asked = bool(_WHY_AGAINST_BUDGET.search(FUND_NAMES.sub("", question))) and not (
            keys == ["ending_carryover"] and "预算" not in question)  # (钱没花完 is what is left over: its own why)
        keys = keys or _whole_asked(self.about or question)
        row = self._row_reason(units, year)
        # (年初预算 is the column a row's reason is asked about, not a figure of its own)
        if row is not None and (not [k for k in keys if k != "gpb_initial_budget"] or _marks_row(row[1], question)
                                or len(keys) == 1 and re.sub(r"[“”\"]", "", row[1]) == re.sub(r"[“”\"]", "", label(keys[0]))):
            if budget_asked and not _BUDGET_GAP.search(_before_reason(row[0].citations[0].quote)):
                # a row's reason for its change against last year is no reason for its gap from the budget: said so
                return Answer(answer=f"档案中没有找到“{row[1]}”与预算之间差异的原因说明；文件只说明了它与上年相比的变化："
                                     f"{row[0].answer}", answerable=False, intent="reason", citations=row[0].citations)
            return row[0]  # (a stated change of the figure asked, with its own reason: "；公务接待费减少0.62万元，主要原因是…")
        scoped = self.in_scope()
        rows = [r for r in self.store.reasons_where(units or None, year) if scoped is None or r[0] in scoped]
        reasons = [Reason.model_validate_json(data) for _, data in rows]
        found = None if keys else self._project_why(question, reasons, units, year)
        if found is not None:
            return found
        want_down = bool(re.search(r"少|减|降|低|没花完|只花|没花到|没用完|不到|没达到", question))
        want_up = bool(re.search(r"多|增|涨|高|超", question)) and not want_down
        asked = f"{question} {self.about}"  # (a follow-up's row is in the residual carried over)
        words = [w for w in re.findall(r"[\u4e00-\u9fff]{2,}", re.sub(r"为什么|为啥|原因|是啥|什么", " ", asked))]
        # amounts the question states ("为什么多了165万", "减少13.52万元是因为什么"), not its years
        stated = re.findall(r"(?<![\d.])(\d+(?:\.\d+)?)\s*(?:万|元|亿)|(?<![\d.])(\d+\.\d+)\s*%", question)
        stated = [a or b for a, b in stated]
        subject = self._subject(keys, units, year)
        sizes = [(low, high) for low, high in amounts_said(question) if high > low]  # (a size said: "少了800多万")

        def score(r: Reason) -> float:
            s = 0.0
            told = (r.before or "") + r.sentence if REASON_MARKER.match(r.sentence.strip()) else r.sentence
            if stated and any(re.search(rf"(?<![\d.]){re.escape(n)}(?:\.\d+)?(?![\d])", told) for n in stated) or (
                    r.change and any(low < _wanyuan(r.change) < high for low, high in sizes)):
                s += 6  # (the amount the question states is the strongest sign of the sentence it means; "800多万")
            s += 0.1 * bool(r.change) + 0.1 * bool(r.percent)  # (of two sentences for one change, the one stating more)
            if r.key and r.key in keys:
                s += 5
            text = (r.label or "") + r.sentence
            if keys and any(label(k)[:4] in text for k in keys):
                s += 2
            if (want_down and r.direction == "减少") or (want_up and r.direction == "增加"):
                s += 1
            grams = _char_pairs(*words)
            s += sum(1 for g in grams if g in text) * 0.2
            indicator = re.match(r"\S+ (\S+?)（", r.label or "")  # a deviation's "项目 指标（…）": the indicator named
            if indicator and len(indicator.group(1)) >= 3 and indicator.group(1) in asked:
                s += 1
            if subject and _says_about(r, subject, budget_asked):
                s += 3  # (the row the question names: "行政运行预决算为什么有差异")
            against_budget = _explains_gap(r)
            if budget_asked == against_budget:  # ("和预算一样", "没完成年初预算" against "比上年减少"); a gap asked
                s += 1 if budget_asked else 0.5  # with no figure named is enough to mean a gap's reason
            return s

        ranked = [r for r in sorted(reasons, key=score, reverse=True) if score(r) >= 1]
        return self._ranked_why(question, ranked, budget_asked, subject, units, year)

    def _subject(self, keys: list[str], units, year) -> str:
        """The row a why asks about when no vocabulary figure is named ("退休费为什么增加"), if the documents print
        such a row; else "" (not "一半", "有哪些")."""
        if keys:
            return ""
        rows = {_plain(re.sub(r"[(（][类款项][)）]", "", i.name)) for i in self.lines(units, year)}
        typed = [n for n in rows if len(n) >= 3 and n in _plain(self.about or "")]  # (a row named whole)
        if typed:
            return max(typed, key=len)
        subject = _subject_asked(self.about or "")
        return subject if subject and any(subject in n for n in rows) else ""

    def _ranked_why(self, question: str, ranked: list[Reason], budget_asked: bool, subject: str, units, year
                    ) -> Answer:
        """The answer from the reasons that may be meant, best first: the one about what the question names."""
        if subject and ranked and not any(_says_about(r, subject, budget_asked) for r in ranked):
            return self._none(question, "reason", f"档案中没有找到对“{subject}”（或其变化）的原因说明。下面是最相近的段落。")
        if not ranked:
            return self._none(question, "reason", "档案中没有找到对这项变化的原因说明。下面是最相近的段落。")
        about = self._about_named(question, ranked, units, year)
        if isinstance(about, Answer):
            return about
        if budget_asked:
            return self._budget_reason(question, [r for r in about if not subject or _says_about(r, subject, True)],
                                       units, year, subject)
        return self._reason_answer(about[0], units, year)

    def _project_why(self, question: str, reasons: list[Reason], units, year) -> Answer | None:
        """Why of the project the question names: its deviations' reasons, the text's sentences about it and its
        self-evaluation's analysis rows."""
        projects = self.store.figures_where_like("project:%", units, year)
        project = self._named_project(self.about or question, projects) if projects else None
        if project is None:
            return None
        own = f"project:{project}:score"
        named = rf"“?{re.escape(project.removesuffix('项目'))}”?项目"
        stated = [r for r in reasons if r.key != own and re.search(named, r.sentence)]
        return self._project_reasons(question, project, [r for r in reasons if r.key == own], projects, stated,
                                     _analysis_asked(question, [i for i in self.lines(units, year) if
                                                                i.kind == "analysis" and project in (i.table or "")]))

    def _budget_reason(self, question: str, about: list[Reason], units, year, subject: str = "") -> Answer:
        """Why a figure differs from its budget: a reason the document gives against the budget (年初预算, 预决算差异…),
        else a refusal with the budget and the actual: a year-on-year reason is no reason for the gap."""
        named = [k for k in metric_keys(question, generic=False) if k != "gpb_initial_budget"]
        # no figure named: the department's spending as a whole, not one row's (…（项）…决算数小于预算数的主要原因)
        overall = not named and not subject
        gap = [r for r in about if _explains_gap(r) and not (overall and (
            r.key not in _OVERALL | {None} or re.search(r"[（(][类款项][)）]", f"{r.label or ''}{_head_of(r)}")))]
        if gap:
            return self._reason_answer(gap[0], units, year)
        if subject:
            return Answer(answer=f"档案中没有找到“{subject}”与预算之间差异的原因说明。", answerable=False, intent="reason")
        key = _ACTUAL_OF.get(named[0], named[0]) if named else "gpb_expenditure"
        figs = [f for k in (_BUDGET_OF.get(key), key) if k and (f := _best(self.figures(k, units, year))) is not None]
        shown = (self._who(figs[0]) if figs else "") + "，".join(f"{label(f.key)}为{_fmt(f)}" for f in figs)
        return Answer(answer=f"档案中没有找到{label(key)}与预算之间差异的原因说明。" + (f"文件只列出{shown}。" if shown else ""),
                      answerable=False, intent="reason", figures=figs, citations=[f.citation for f in figs])

    def _about_named(self, question: str, ranked: list[Reason], units, year) -> list[Reason] | Answer:
        """The explanations of the figure the question names (its 决算 and 预算 are one figure), best first; a refusal
        with the figure when none is about it (another figure's reason is not its reason)."""
        named_keys = [k for k in metric_keys(question, generic=False) if k != "gpb_initial_budget"]
        if not named_keys:
            return ranked
        related = {*(m for k in named_keys for m in _same_money(k)), *(_ACTUAL_OF.get(k, k) for k in named_keys),
                   *(_BUDGET_OF.get(k, k) for k in named_keys)}
        # (a budget balances: its income's total and its spending's are one sum, a reason for the one explains the other)
        balanced = {"income_current_year", "income_grand_total", "expenditure_current_year", "expenditure_grand_total"}
        about = [r for r in ranked if r.key in related or any(_explains(r, k) for k in named_keys)
                 or r.citation.doc_type == DocType.budget and r.key in balanced and balanced & set(named_keys)]
        if about:
            return about
        figs = [f for k in named_keys[:1] if (f := _best(self.figures(k, units, year))) is not None]
        whole, said = next(((r, said) for r in ranked for k in named_keys if (said := _whole_before(r, k))), (None, ""))
        if whole is not None:  # ("三公经费比上年增加6.74万元，其中：…运行费增加7.36万元，主要原因是…")
            when = "" if said.startswith(str(whole.citation.year)) else f"{whole.citation.year or ''}年"
            # (each part's reason after that whole, the items of one list: "…运行费增加…，主要原因是…；公务接待费减少…")
            held = [Reason.model_validate_json(data) for _, data in self.store.reasons_where(units or None, year)]
            listed = {r.citation.char_start: r for r in held if r.citation.doc_id == whole.citation.doc_id
                      and r.before == whole.before and r.key in THREE_PUBLIC_ITEMS}
            listed[whole.citation.char_start] = whole
            parts = [listed[at] for at in sorted(listed)]
            return Answer(answer=f"{whole.citation.unit or ''}{when}：{said}{''.join(map(printed_text, parts))}",
                          answerable=True, intent="reason", citations=[r.citation for r in parts],
                          reasons=[r.reason for r in parts])
        same = next((r for f in figs for r in ranked if r.citation.doc_id == f.citation.doc_id
                     and _amount_of(r) == f"{f.in_wanyuan()}万元"), None)
        if same is not None:  # ("收入预算2785.21万元…一般公共预算2785.21万元，占100%，比上年增加…，主要原因是…")
            return [same]
        shown = f"文件只列出{self._who(figs[0])}{label(figs[0].key)}为{_fmt(figs[0])}。" if figs else ""
        return Answer(answer=f"档案中没有找到对{label(named_keys[0])}（或其变化）的原因说明。{shown}",
                      answerable=False, intent="reason", figures=figs, citations=[f.citation for f in figs])

    def _nil_explained(self, question: str, keys: list[str], units, year) -> Answer | None:
        """Why there is none of a figure ("为什么没有机关运行经费"), when the sentence saying so gives its cause before the
        nil ("本单位为事业单位，不属于机关运行经费的统计范围，2026年无机关运行经费预算"): that sentence."""
        named = [k for k in keys or _whole_asked(self.about or question) if k != "gpb_initial_budget"]
        if not named or not _WHY_NONE.search(question):
            return None
        word = re.sub(r"[“”]", "", label(named[0]))
        for item in self.lines(units, year):
            quote = item.citation.quote
            at = quote.find(item.name)
            if item.kind == "nil" and word in quote and at > 0 and re.search(r"[，,]", quote[:at]):
                c = item.citation
                return Answer(answer=f"{c.unit or ''}{c.year or ''}年文件写道：“{quote.strip()}”", answerable=True,
                              intent="reason", citations=[c], reasons=[quote.strip()])
        return None

    def _reason_answer(self, top: Reason, units, year) -> Answer:
        """A reason with what it explains: the figure's amount (the vocabulary's, else its sentence's), the change it
        states and the budget set against it."""
        change = f"{top.direction}{top.change}" if top.direction and top.change else (top.direction or "")
        if top.percent and change and "%" not in change:
            change += f"（{'增长' if top.direction == '增加' else '下降' if top.direction == '减少' else ''}{top.percent}）"
        printed = printed_text(top)  # as printed, the PDF's line breaks taken out
        marker = REASON_MARKER.search(printed)
        reason = printed[marker.end():].strip().rstrip("；;") if marker else top.reason
        same_doc = [f for f in (self.figures(top.key, units, year) if top.key else [])
                    if f.citation.doc_id == top.citation.doc_id and f.citation.char_start != top.citation.char_start]
        best = _best(same_doc)
        figs = [best] if best else []
        amount = None if (top.key or "").startswith("project:") else _fmt(best) if best else _amount_of(top)
        stated = "，".join(w for w in (f"为{amount}" if amount else "", change, _against_budget(top)) if w)
        shown = re.sub(r"^[（(]?[一二三四五六七八九十\d]{1,3}[）)、.．]\s*", "", top.label or "")  # (not its heading's number)
        answer = f"{top.citation.unit or ''}{top.citation.year or ''}年{shown}{stated}，原因：{reason}"
        return Answer(answer=answer, answerable=True, intent="reason", figures=figs,
                      citations=[top.citation] + [f.citation for f in figs], reasons=[reason])

