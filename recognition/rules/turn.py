"""Whose turn it is on a dossier (lượt xử lý) and what they must do to move it on."""

from dataclasses import dataclass

from recognition.rules.conditions import Blocker, BlockerCode, DossierFacts, blockers
from recognition.rules.documents import document_owner, missing_documents
from recognition.rules.vocabulary import RECORDED_BY, Actor, Document, Step


@dataclass(frozen=True)
class Turn:
    """Lượt xử lý — whose turn it is on a dossier and what they must do to move it on: the actor owning the current
    step, the step they move it to, the documents that step still lacks (each with who attaches it), and whatever
    else keeps it where it is (criteria, debt, poll, opinions, a decision). No actor once the procedure has ended."""

    actor: Actor | None
    next_step: Step | None = None
    documents: tuple[tuple[Document, Actor | None], ...] = ()
    blockers: tuple[Blocker, ...] = ()

    @property
    def ended(self) -> bool:
        return self.actor is None

    @property
    def who(self) -> str:
        """The actor in words: the office recording what the province's chairman signs says so."""
        return "" if self.actor is None else RECORDED_BY.get(self.actor, self.actor.label)


def turn(facts: DossierFacts, current: Step) -> Turn:
    """Whose turn it is on a dossier of `facts` standing at `current`. A recognised dossier waits for no one unless
    a ground to revoke it stands; a revoked one is closed."""
    path = facts.path
    if current not in path.order or current == Step.REVOKED:
        return Turn(None)
    if current == Step.RECOGNISED and not facts.revocation_grounds:
        return Turn(None)
    next_step = path.order[path.order.index(current) + 1]
    documents = tuple((d, document_owner(path, d.code)) for d in missing_documents(path, next_step, facts.documents))
    others = tuple(b for b in blockers(facts, next_step) if b.code != BlockerCode.DOCUMENT_MISSING)
    return Turn(path.owners[current], next_step, documents, others)
