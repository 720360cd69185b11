"""Which sentences and bullets are tasks, who leads them, with whom, by when."""

import re
from dataclasses import dataclass, field
from datetime import date

from directives.vocabulary import DeadlineKind

from .agencies import AGENCY_START, expand_enumeration, normalise_agency, split_agencies
from .deadlines import NONE, Deadline, find_deadlines, parse_deadline
from .text import sentences

# Predicate openers: where an addressee's name ends and the action begins.
VERBS = (
    "(?<!phân công )chủ trì|phối hợp|tập trung|tiếp tục|khẩn trương|rà soát|chỉ đạo|"
    "(?<!các )tổ chức(?! chính trị| đoàn thể| xã hội| hội\b| thành viên| kinh tế)|thực hiện|triển khai|"
    "theo dõi|tham mưu|đôn đốc|tổng hợp|báo cáo|hướng dẫn|kiểm tra|đánh giá|(?<!huyện )(?<!xã )xây dựng(?! nông thôn mới| NTM)|hoàn thiện|"
    "hoàn thành|chịu trách nhiệm|tăng cường|đẩy nhanh|đẩy mạnh|chủ động|cần|nghiên cứu|xem xét|"
    "giải quyết|soát xét|kiểm điểm|phân công|căn cứ|theo chức năng|thẩm định|thẩm tra|xác định|"
    "(?<!phân bổ, )bố trí|cân đối|quan tâm|dành|lựa chọn|phát huy|(?<!mới )nâng cao|huy động|cùng|sớm|ưu tiên|hỗ trợ|gửi|"
    "quyết liệt|tuyên truyền|vận động|hiến kế|đề xuất|có trách nhiệm|có kế hoạch|có giải pháp|"
    "tiến hành|tự|trực tiếp|làm rõ|tiếp thu|rà soát|nghiêm túc|thường xuyên|khắc phục|bám sát|yêu cầu|giao|"
    "phải|sẽ|được giao (?:trách nhiệm|nhiệm vụ)|có văn bản|có công văn|vào cuộc|mở|đề nghị|"
    "định kỳ|trước ngày|chậm nhất|trong (?:tháng|quý|năm)|h[àằ]ng (?:tháng|quý|năm)|đến hết|từ nay"
)
# "được giao", "đầu tư xây dựng" sit inside names ("Ban Quản lý đầu tư xây dựng").
_VERB = re.compile(rf"(?<!được)(?<!đầu tư)\s(?:{VERBS})\b")
IMPERATIVE = re.compile(
    rf"^(?:{VERBS}|có|đề cao|kiện toàn|giao|yêu cầu|đề nghị|đối với|trường hợp|về|từ năm|chậm nhất)\b",
    re.IGNORECASE,
)
_NUMBERING = re.compile(r"^(?:([IVX]+)\.|(\d+(?:\.\d+)*)\.|([a-zđ])\)|\((\d+)\)|([-+•]))\s*")
_ASSESSMENT = re.compile(r"kết quả|tình hình|đánh giá|hạn chế|tồn tại|nguyên nhân|thuận lợi|khó khăn|yếu kém")
_DIRECTIVE = re.compile(r"nhiệm vụ|giải pháp|kiến nghị|đề xuất|yêu cầu|đề nghị")
_UMBRELLA = re.compile(r"\b(?:yêu cầu|đề nghị|giao)\s+(.+?)(?:\s(?:cần|tập trung|thực hiện|triển khai|khẩn trương)\b|:)")
_CUE = re.compile(r"(?:^|\(|^[^:]{3,80}:\s+|\b(?:giao|yêu cầu|đề nghị|Giao|Yêu cầu|Đề nghị|đồng thời)\s*:?\s+)")
_COOPERATE = re.compile(r"\bphối hợp(?:\s+chặt chẽ)?(?:\s+với)?\s+(.+?)(?=\s(?:" + VERBS + r")\b|[;.(]|$)")
_BARE_SO = re.compile(r"(?:^|,\s+)Sở\s+(?:cần|phải|có trách nhiệm|chủ động)\b")
_TOPIC_COLON = re.compile(r"^[^:;()]{3,200}:\s+")
# "các Sở: Kế hoạch và Đầu tư, Tài chính", "gồm: …": a colon that opens a list, not the words said.
_ENUMERATION = re.compile(r"(?:\b[Cc]ác\s+\w+|\bgồm|\bnhư|\blà)\s*:\s*$")
_TOPIC = re.compile(r"^(?:đối với|trường hợp|về)\b", re.IGNORECASE)
# Words that open a sentence before its subject: "Theo đó, X …", "Để hoàn thành …, UBND tỉnh yêu cầu X …",
# "Về vấn đề …, X phải …", "Trước tình trạng trên, …": the addressee follows one of the commas.
_LEAD_IN = re.compile(
    r"^(?:đối với|trường hợp|về|để|nhằm|với|trước|chậm nhất|theo đó|theo kế hoạch|vì vậy|do đó|vì thế|bởi vậy|ngoài ra|bên cạnh đó|"
    r"đồng thời|mặt khác|trên cơ sở|qua|từ|tại|liên quan|thực hiện|căn cứ|phát biểu|sau khi|riêng|trong)\b",
    re.IGNORECASE)
_CONNECTOR = re.compile(r"^\s*(?:đồng thời|sau đó|ngoài ra|bên cạnh đó|tiếp đó)\s*,?\s*", re.IGNORECASE)
_EXECUTION = re.compile(r"^(?:chịu trách nhiệm\s+)?(?:thi hành|thực hiện)\s+(?:Quyết định|Chỉ thị|Thông báo|Văn bản|văn bản|quyết định|chỉ thị)\s+này", re.IGNORECASE)
# "Các xã được công nhận … bao gồm:" introduces a list of results, not an addressee's jobs.
_REPORTED = re.compile(r"\b(?:đã|được|gồm|bao gồm|là)\b")
# A document's title inside a name: "Bộ Nông nghiệp và PTNT Hướng dẫn một số nội dung …" cites, it does not direct.
_TITLE = re.compile(r"\s(?:Hướng dẫn|Quy định|Ban hành|Về việc|Phê duyệt)\b")
_ANOTHER_JOB = re.compile(r"^(?:đồng thời|bên cạnh đó|ngoài ra)\s*,\s*(?=" + IMPERATIVE.pattern[1:] + ")", re.IGNORECASE)
_REPORTING = re.compile(r"^\s*định kỳ\b[^;.]{0,40}?\bbáo cáo\b", re.IGNORECASE)
_SUPPORTING = re.compile(r"^\s*phối hợp\b", re.IGNORECASE)  # a lead's part in another's job
_COMPLETES = re.compile(r"^(?:hoàn thành|xong|kết quả)\b", re.IGNORECASE)
_OPENING = re.compile(r"kết luận(?: như sau)?:\s*$|thống nhất kết luận|kết luận như sau", re.IGNORECASE)


# Why a task was proposed: the rule that found its lead (shown in the review, so a user can trust or reject it).
ADDRESSEE = "addressee"  # the sentence names who does it: "Sở Tài chính chủ trì …"
HANDED = "handed"  # someone hands it on: "UBND tỉnh giao Sở Tài chính …" (the cue: the words that hand it on)
HEADING = "heading"  # the item sits under an agency's heading: "4. Sở Tài chính:" (the cue: the heading)
UMBRELLA = "umbrella"  # an umbrella sentence above names every addressee: "… yêu cầu các cấp, các ngành …:"
SAME_LEAD = "same_lead"  # a later job of the addressee just named: "… Đồng thời, xây dựng kế hoạch …"
_UNSURE = (UMBRELLA, SAME_LEAD)


@dataclass
class Task:
    lead: str
    support: list[str]
    quote: str
    summary: str
    deadline: Deadline = NONE
    extra: list[str] = field(default_factory=list)
    why: str = ADDRESSEE
    cue: str = ""

    def as_dict(self, explain: bool = False) -> dict:
        found = {
            "lead": self.lead,
            "support": self.support,
            "summary": self.summary,
            "deadline": self.deadline.as_dict(),
            "source_quote": self.quote,
        }
        if explain:
            found["why"] = {"rule": self.why, "cue": self.cue, "confident": self.confident}
        return found

    @property
    def confident(self) -> bool:
        """False where the lead is inferred rather than written beside the job (an umbrella above, the job before),
        or read from a report of another body's letter ("… vừa có văn bản giao …")."""
        return self.why not in _UNSURE and "vừa" not in self.cue.split()

    def again(self, summary: str | None = None, quote: str | None = None) -> "Task":
        """Another job of the same lead."""
        return Task(self.lead, self.support, quote or self.quote, summary or self.summary, why=SAME_LEAD,
                    cue=self.lead)


def _addressees(phrase: str) -> list[str]:
    names = split_agencies(phrase)
    if len(names) > 1 and all(n.lower().startswith("các") for n in names):
        return [phrase.strip(" ,;:")]  # "các cấp, các ngành" is one collective addressee
    return names


def _quote(text: str, words: int = 14) -> str:
    return " ".join(text.split()[:words]).rstrip(",;:")


SUMMARY_WORDS = 40


def _summary(text: str, words: int = SUMMARY_WORDS) -> str:
    """The action in the notice's words, whole: to the end of its clause; a long clause ends after its last complete
    phrase (a comma) within `words` words, never in the middle of one (the board shows it as the task's title)."""
    clause = re.split(r"[;.]\s|[;.]$", " ".join(text.split()), maxsplit=1)[0].strip(" ,;:")
    tokens = clause.split()
    if len(tokens) > words:
        head = " ".join(tokens[:words])
        comma = head.rfind(",")
        clause = head[:comma] if comma > len(head) // 3 else clause
    while clause.endswith(")") and clause.count(")") > clause.count("("):
        clause = clause[:-1].rstrip(" ,")
    clause += ")" * (clause.count("(") - clause.count(")"))  # a clause cut inside a parenthesis closes it
    return clause[:1].upper() + clause[1:]


# The body that issues the text, at the province's level: it hands work to others, it is never a task's lead.
_ISSUER = re.compile(
    r"^(?:(?:Phó )?Thủ tướng\b"  # a national text's issuer
    r"|(?:(?:đồng chí|ông|bà) )?(?:(?:Phó )?Chủ tịch |Thường trực |Bí thư Tỉnh ủy\s*[-,–]\s*(?:Phó )?Chủ tịch )?"
    r"(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|Ban [Cc]hỉ đạo|BCĐ|Tỉnh ủy)\b(?:(?!huyện|xã|thành phố|thị xã).)*"
    r"\b(?:tỉnh|Tỉnh ủy)\b)"
)
# Handing work on: "giao", "yêu cầu", "đề nghị", "chỉ đạo", "phân công" followed by the one who does it.
_HANDOVER_WORD = re.compile(r"\b(?:giao(?: cho)?|yêu cầu|đề nghị|chỉ đạo|phân công|lưu ý)\b", re.IGNORECASE)
_HANDOVER = re.compile(r"\b(?:giao(?: cho)?|yêu cầu|đề nghị|chỉ đạo|phân công|lưu ý)\s*:?\s+(?=" + AGENCY_START.pattern + ")")


def _sentence_end(text: str) -> int:
    end = re.search(r"[.;](?:\s|$)", text)
    return end.start() if end else len(text)


MAX_HANDOVERS = 8  # "X yêu cầu Y giao Z …": a real notice hands a task on once or twice; pasted junk can repeat it


def subject_at(text: str, handovers: int = 0) -> tuple[str, list[str], str] | None:
    """'X, Y chủ trì, phối hợp với Z …' → (X, [Y, Z], action) when `text` opens with an addressee."""
    text = text.lstrip("(, ")
    head = AGENCY_START.match(text)
    if not head:
        return None
    verb = _VERB.search(text[:160], head.end())
    while verb and re.search(r"\bđược (?:giao|phân công)$", text[: verb.start()]):
        verb = _VERB.search(text[:160], verb.end())  # "Các Sở được giao chỉ đạo các xã có trách nhiệm …": a relative clause
    if not verb:
        return None
    name = text[: verb.start()].strip(" ,")
    if re.match(r"\s(?:yêu cầu|giao|đề nghị)\b", text[verb.start() :]):
        # "X yêu cầu Y làm …": the task is Y's.
        return subject_at(text[verb.end() :], handovers + 1) if handovers < MAX_HANDOVERS else None
    if (_ISSUER.match(name) and not handovers) or re.search(r"\bvừa\b", name) or re.match(
            r"\scó (?:công văn|văn bản) (?:số|gửi)\b", text[verb.start() :]):  # a letter sent, reported
        # The issuer or a reported act ("UBND tỉnh vừa có công văn giao X …", "Chủ tịch UBND tỉnh chỉ đạo X …"):
        # the task is that of whoever it hands the work to; the issuer's own words ("UBND tỉnh sẽ …", "vừa ban
        # hành Văn bản số …") give none.
        handed = _HANDOVER.search(text[: _sentence_end(text)], head.end())
        if handed and handovers < MAX_HANDOVERS:
            return subject_at(text[handed.end() :], handovers + 1)
        return None
    if re.match(r"\ssẽ\b", text[verb.start() :]):
        return None  # a commitment, not a directive
    specified = re.split(r",?\s+cụ thể là\s+", name)
    if len(specified) > 1:
        # "cấp ủy …, cụ thể là đồng chí Bí thư, Chủ tịch UBND …": the named people, as one addressee.
        return specified[-1], [], text[verb.start() :].strip()
    if _TITLE.search(name):
        return None
    name = expand_enumeration(name)
    if re.search(r"\bđã\b(?! được (?:giao|phân công))|\bđược\b(?! giao| phân công)|[():]", name):
        return None  # a report of what someone did, not an addressee
    names = _addressees(name)
    if not names:
        return None
    action = text[verb.start() :].strip()
    if _EXECUTION.match(action):
        return None  # "… chịu trách nhiệm thi hành Quyết định này": the decision's closing clause, no job of its own
    support = names[1:]
    cooperate = _COOPERATE.search(action[:200])
    if cooperate:
        support += split_agencies(cooperate.group(1))
    return names[0], support, action


_AND_NAME = re.compile(r"\svà\s+(?=[A-ZĐÀ-Ỹ])")


def _segments(clause: str, reference: date | None) -> list[str]:
    """Cut a clause after each deadline, so each deadline starts a segment's end, and before "và X làm …"
    when X is another addressee ("…, báo cáo … và Văn phòng Điều phối tổng hợp … trước 31/12")."""
    cuts = [d.start + len(d.text) for d in find_deadlines(clause, reference) if d.rank <= 1]
    # Only after an action: in "UBND các huyện và UBND các xã tập trung …" the "và" joins two addressees.
    verb = _VERB.search(" " + clause)
    if verb:
        cuts += [m.start() for m in _AND_NAME.finditer(clause, verb.end() - 1)
                 if subject_at(clause[m.end() :])]
    cuts = sorted(set(cuts))
    out, last = [], 0
    for cut in cuts:
        out.append(clause[last:cut])
        last = cut
    tail = clause[last:]
    if tail.strip(" ,.;)") and (not out or len(tail.split()) > 3):
        out.append(tail)
    return [s for s in out if s.strip()] or [clause]


def _subject_in(segment: str) -> tuple[str, list[str], str] | None:
    topic = _TOPIC_COLON.match(segment)
    if topic and not _ENUMERATION.search(segment[: topic.end()]) and (
            topic.end() <= 100 or not subject_at(segment[: topic.end()])):  # a long one: unless an addressee acts
        return _subject_in(segment[topic.end() :])  # "Các xã …: UBND cấp huyện …": the words before the colon name a topic
    for cue in _CUE.finditer(segment):
        found = subject_at(segment[cue.end() :])
        if found:
            return found
    # "Đối với …, X làm …" and "…, báo cáo … và X tổng hợp …": a later subject in the clause.
    lead_in = _LEAD_IN.match(segment)
    if lead_in:
        starts = [m.end() for m in re.finditer(r",\s+", segment)]
        if re.match(r"[^,]{0,80}?\s(?:cần|phải)\s", segment[lead_in.end() :]):
            starts.insert(0, lead_in.end() + 1)  # "Đối với các địa phương cần …": the topic is the addressee
        # "Theo kế hoạch đến ngày 15/5/2020 Ủy ban MTTQ xã phải …": only a time between the lead-in and the addressee
        first_comma = starts[0] if starts else 120
        starts[:0] = [m.start() for m in AGENCY_START.finditer(segment, lead_in.end(), min(first_comma, 120))
                      if segment[m.start() - 1] == " " and _only_a_time(segment[lead_in.end() : m.start()])]
    else:
        starts = [m.end() for m in re.finditer(r"\s+và\s+", segment)]
    for start in starts:
        time = _A_TIME.match(segment, start)
        found = subject_at(segment[time.end() if time else start :])
        if found:
            return found
    return None


_A_TIME = re.compile(r"\s*(?:(?:đến|trước|chậm nhất|vào|từ)(?:\s+ngày)?\s+\d{1,2}[/.-]\d{1,2}[/.-]\d{4}"
                     r"|(?:trong|vào|đến|cuối|trước)\s+(?:tháng|quý|năm)\s+[\dIVX/]{1,7})\s*", re.IGNORECASE)


def _only_a_time(words: str) -> bool:
    return _A_TIME.fullmatch(words) is not None


@dataclass
class _Context:
    umbrella: str | None = None
    section_lead: str | None = None
    item_lead: str | None = None
    skipping: bool = False
    started: bool = False
    heading_depth: int = -1  # depth of the last topical heading: I. = 0, 1. = 1, a) = 2, (1) = 3
    umbrella_depth: int = -1


def _why(sentence: str, lead: str) -> tuple[str, str]:
    """ADDRESSEE, or HANDED with the words that hand the job to `lead` ("Chủ tịch UBND tỉnh giao")."""
    before = sentence[: sentence.find(lead)] if lead in sentence else ""
    handed = list(_HANDOVER_WORD.finditer(before))
    if not handed:
        return ADDRESSEE, ""
    return HANDED, " ".join(before[: handed[-1].end()].split()[-12:])


def _parse_paragraph(
    body: str, lead: str | None, reference: date | None, head_support: list[str] | None = None,
    lead_from: str = HEADING,
) -> list[Task]:
    tasks: list[Task] = []
    for index, sentence in enumerate(sentences(body)):
        current: Task | None = None
        early: Deadline = NONE  # "Theo kế hoạch đến ngày 15/5/2020 X phải hoàn thành …": the date before its addressee
        if index and tasks and (_ANOTHER_JOB.match(sentence) or _REPORTING.match(sentence)) and tasks[-1].quote in body:
            # "…. Đồng thời, xây dựng kế hoạch …": another job of the same addressee
            current = tasks[-1].again(_summary(_CONNECTOR.sub("", sentence)), _quote(sentence))
            tasks.append(current)
        for clause_index, clause in enumerate(re.split(r";\s*", sentence)):
            if current is not None and clause_index and _REPORTING.match(clause):
                current = current.again(_summary(clause))  # "…; định kỳ hằng quý báo cáo …": a reporting duty
                tasks.append(current)
            for segment in _segments(clause, reference):
                deadline = parse_deadline(segment, reference)
                subject = _subject_in(segment)
                if subject is None and tasks and _BARE_SO.search(segment) and tasks[-1].lead.startswith("Sở"):
                    subject = (tasks[-1].lead, [], segment)  # a bare "Sở" is the department just named
                why, cue = _why(sentence, subject[0]) if subject else (ADDRESSEE, "")
                if subject and subject[0] == "Sở" and tasks and tasks[-1].lead.startswith("Sở"):
                    subject = (tasks[-1].lead, subject[1], subject[2])  # "…, Sở cần …": the department just named
                    why, cue = SAME_LEAD, tasks[-1].lead
                if subject and lead and _refers_to(subject[0], lead):
                    subject = (lead, subject[1], subject[2])
                    why, cue = lead_from, lead
                if subject:
                    quote = sentence if not tasks or tasks[-1].quote not in sentence else tasks[-1].quote
                    current = Task(subject[0], subject[1], _quote(quote), _summary(subject[2]),
                                   early if deadline.kind == DeadlineKind.NONE else deadline, why=why, cue=cue)
                    tasks.append(current)
                elif lead is None and current is None and deadline.kind != DeadlineKind.NONE and not (
                        _VERB.search(" " + segment.replace(deadline.text, ""))
                        or IMPERATIVE.match(segment.replace(deadline.text, "").strip(" ,"))):
                    early = deadline  # "Trước ngày 30/4/2021, UBND các huyện …": the time before its addressee
                elif current is None and tasks and tasks[-1].quote in body:
                    current = tasks[-1]
                    if deadline.kind != DeadlineKind.NONE:
                        # "… rà soát …. Hoàn thành, trình UBND tỉnh trước ngày 30/4/2019.": a sentence that only
                        # completes the job dates the task before it; any other is a second job of the same lead.
                        completes = _COMPLETES.match(segment)
                        if completes and current.deadline.rank > deadline.rank:
                            current.deadline = NONE  # "Hoàn thành … trước ngày 20/4/2019" outranks a year named before
                        if index > 0 and not completes and not IMPERATIVE.match(_CONNECTOR.sub("", segment)):
                            continue  # "Đồng thời không xem xét thi đua … năm 2019": the issuer's word, no job
                        if current.deadline.kind != DeadlineKind.NONE or (index > 0 and not completes):
                            current = current.again()
                            tasks.append(current)
                        current.deadline = deadline
                elif current is None:
                    if lead is None:
                        continue
                    support = list(head_support or [])
                    cooperate = _COOPERATE.search(segment[:200])
                    if cooperate:
                        support = split_agencies(cooperate.group(1))
                    current = Task(lead, support, _quote(sentence), _summary(segment), deadline, why=lead_from, cue=lead)
                    tasks.append(current)
                elif deadline.kind != DeadlineKind.NONE:
                    if current.deadline.kind != DeadlineKind.NONE or (clause_index and current.quote == _quote(sentence)
                                                            and not _SUPPORTING.match(segment)):
                        # a later job of the sentence with a deadline of its own: "…kiểm điểm; đánh giá … trong năm
                        # 2020" is two tasks, the first undated
                        current = current.again(_summary(segment))
                        tasks.append(current)
                    current.deadline = deadline
    return tasks


def _refers_to(short: str, lead: str) -> bool:
    """'Ban Chỉ đạo' under the heading 'Ban chỉ đạo các huyện' means the heading's agency."""
    a, b = normalise_agency(short), normalise_agency(lead)
    return a != b and b.startswith(a + " ")


def _heading(body: str) -> tuple[str | None, str]:
    """'Sở Tài chính: Chủ trì …' → ('Sở Tài chính', 'Chủ trì …'); a bare agency line is a heading too."""
    start = AGENCY_START.match(body)
    if not start or body.isupper():  # "UBND TỈNH PHÚ THỌ": the letterhead names the issuer, it heads nothing
        return None, body
    head, sep, rest = body.partition(":")
    if sep and not _VERB.search(head, start.end()) and len(head.split()) <= 20 and not _REPORTED.search(head):
        return head.strip(), rest.strip()
    if not sep and len(body.split()) <= 12 and not _VERB.search(body, start.end()) and not body.endswith("."):
        return body.strip(), ""
    return None, body


def _umbrella(body: str) -> str | None:
    m = _UMBRELLA.search(body)
    if not m:
        return None
    addressee = m.group(1).split(";")[0].strip(" ,")
    if not AGENCY_START.match(addressee):
        return None
    names = _addressees(addressee)
    return names[0] if names else None


_MEETING_LINE = re.compile(r"^(?:Ngày|Sáng|Chiều|Tối|Vừa qua|Hôm nay)\b.{0,40}\d{1,2}[/-]\d{1,2}[/-]\d{4}", re.IGNORECASE)


def _start(paragraphs: list[str]) -> int:
    """Where directives may begin: after "kết luận như sau:", else after the meeting's opening line, else the top.

    Many notices never write "kết luận như sau" (a section "II. NHIỆM VỤ …" follows the meeting paragraph).
    """
    for index, para in enumerate(paragraphs):
        if _OPENING.search(para):
            return index + 1
    for index, para in enumerate(paragraphs):
        if _MEETING_LINE.match(para):
            return index + 1
    return 0


def extract_tasks(paragraphs: list[str], reference: date | None, explain: bool = False) -> list[dict]:
    """The tasks of the notice's paragraphs; with `explain`, each says why it was proposed and how sure that is."""
    ctx = _Context(started=True)
    tasks: list[Task] = []
    for para in paragraphs[_start(paragraphs):]:
        number = _NUMBERING.match(para)
        body = para[number.end() :] if number else para
        level = None
        if number:
            level = 0 if number.group(1) else 2 if number.group(5) else 1
        head, rest = _heading(body) if level != 2 else (None, body)
        if head:
            if level == 0:
                ctx.section_lead, ctx.item_lead = head, None
            else:
                ctx.item_lead = head
            ctx.skipping = False
            if rest and not rest.endswith(":"):
                names = split_agencies(head)
                tasks += _parse_paragraph(body, names[0], reference, names[1:])
                if len(names) > 1:
                    ctx.item_lead = names[0]
            continue
        if level in (0, 1) and len(body) < 200 and (body.endswith(":") or not body.endswith(".")) and not (
                level == 1 and not body.endswith(":") and subject_at(body)) and not (
                body.endswith(":") and _umbrella(body)):  # "1. Sở Y tế chỉ đạo xã X" is a task; "3. … yêu cầu X …:" an umbrella
            # A topical heading: assessment sections hold no tasks.
            # A topical heading (no full stop) is not a task; it closes the umbrella above it.
            ctx.skipping = bool(_ASSESSMENT.search(body.lower())) and not _DIRECTIVE.search(body.lower())
            if level == 0:
                ctx.section_lead = None
            ctx.item_lead = None
            if _depth(number) <= ctx.umbrella_depth:
                ctx.umbrella = None
            ctx.heading_depth = _depth(number)
            continue
        if body.endswith(":") and _umbrella(body):
            ctx.umbrella, ctx.skipping, ctx.section_lead, ctx.item_lead = _umbrella(body), False, None, None
            ctx.umbrella_depth = ctx.heading_depth
            continue
        if ctx.skipping:
            continue
        if level == 1 and not number_is_bullet(number):
            ctx.item_lead = None if level == 1 and not head else ctx.item_lead
        lead = ctx.item_lead or ctx.section_lead or ctx.umbrella
        opening = subject_at(body)
        if not (IMPERATIVE.match(body) or opening or (number and lead) or any(map(_subject_in, sentences(body)))):
            continue
        tasks += _parse_paragraph(body, lead if IMPERATIVE.match(body) or number else None, reference,
                                  lead_from=HEADING if ctx.item_lead or ctx.section_lead else UMBRELLA)
        if level == 1 and opening:
            ctx.item_lead = opening[0]  # "5. Các đơn vị … tập trung …" leads the bullets below it
    return [t.as_dict(explain) for t in tasks]


def _depth(number: re.Match | None) -> int:
    if number is None:
        return 5
    return next(i for i in range(1, 6) if number.group(i)) - 1


def number_is_bullet(number: re.Match | None) -> bool:
    return bool(number and number.group(5))
