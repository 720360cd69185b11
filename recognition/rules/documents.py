"""Which documents a dossier must hold at each step, and who attaches each one."""

from recognition.rules.paths import Path
from recognition.rules.vocabulary import DOCUMENTS, RECORDED_BY, REVOCATION_STEPS, Actor, Document, Step


def required_documents(path: Path, to_step: Step) -> list[Document]:
    """Everything the dossier must hold on entering `to_step`: that step's documents and those of the steps
    before it (a dossier sent up is sent whole); the revocation steps ask only for their own."""
    if to_step not in path.order:
        return []
    before = path.order[: path.order.index(to_step) + 1]
    steps = [s for s in before if (s in REVOCATION_STEPS) == (to_step in REVOCATION_STEPS)]
    return [DOCUMENTS[code] for step in steps for code in path.checklist.get(step, ())]


def missing_documents(path: Path, to_step: Step, attached: frozenset[str]) -> list[Document]:
    return [d for d in required_documents(path, to_step) if d.code not in attached]


def document_step(path: Path, code: str) -> Step | None:
    """The step of the path whose checklist asks for the document (None: the path never asks for it)."""
    return next((step for step in path.order if code in path.checklist.get(step, ())), None)


def document_owner(path: Path, code: str) -> Actor | None:
    """Who attaches the document: the actor who moves the dossier into the step asking for it — the owner of the step
    before (the commune its self-assessment, the verifier its report, the office the appraisal's papers; what the
    province's chairman signs is recorded by the office, which acts for the chairman)."""
    step = document_step(path, code)
    if step is None or path.order.index(step) == 0:
        return None
    return path.owners.get(path.order[path.order.index(step) - 1])


def attach_refusal(path: Path, code: str, actors: frozenset[Actor] | set[Actor]) -> str:
    """Why a user acting as `actors` may not attach the document to a dossier on `path`, in Vietnamese; "" when the
    document is theirs to attach."""
    document = DOCUMENTS.get(code)
    if document is None:
        return "Loại tài liệu không có trong danh mục hồ sơ."
    owner = document_owner(path, code)
    if owner is None:
        return f"Hồ sơ này không cần tài liệu «{document.label}»."
    if owner in actors:
        return ""
    return f"Tài liệu «{document.label}» do {RECORDED_BY.get(owner, owner.label)} đính kèm."


def attachable_documents(path: Path, actors: frozenset[Actor] | set[Actor]) -> list[Document]:
    """The documents of the path the user may attach, in the order of the steps."""
    codes = [code for step in path.order for code in path.checklist.get(step, ())]
    return [DOCUMENTS[code] for code in dict.fromkeys(codes) if not attach_refusal(path, code, actors)]
