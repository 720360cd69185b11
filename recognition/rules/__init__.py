"""Pure rules of the recognition procedure (xét, công nhận, thu hồi): the steps of a dossier, the documents each
step asks for, who may move a dossier from which step to which, and what blocks a move. When a recognised commune
must be revoked is `recognition.sustainability`. No ORM, no Django.

Source: Quyết định 18/2022/QĐ-TTg as summarised in the domain notes (shared/domain/procedures.md); the notes say the
text itself was not read, so every number here names its note and its confidence. Where the notes are silent the
rule follows the 2022 procedure as recalled and says so.

One module per seam, each importable on its own; this package names them all, as the code and the migrations
call them (`rules.Step`, `rules.turn`):

- `vocabulary`: levels, subjects, actors, steps, documents and their labels;
- `paths`: the review paths, their owners and checklists, with districts and without, and what a year offers;
- `documents`: which documents a step asks for, and who attaches each one;
- `conditions`: what keeps a dossier from moving forward (the hard conditions of recognition);
- `moves`: who may move a dossier from which step to which, and the outcome of a move;
- `turn`: whose turn it is on a dossier."""

from recognition.rules.conditions import (
    GATED_STEPS,
    IMMEDIATE_GROUNDS,
    POLL_COVERAGE_MINIMUM,
    PREREQUISITE,
    SATISFACTION_MINIMUM,
    Blocker,
    BlockerCode,
    DossierFacts,
    RevocationGround,
    blockers,
    floor_share,
)
from recognition.rules.documents import (
    attach_refusal,
    attachable_documents,
    document_owner,
    document_step,
    missing_documents,
    required_documents,
)
from recognition.rules.moves import (
    Outcome,
    is_return,
    may_move,
    move,
    refusal,
)
from recognition.rules.paths import (
    COMMUNE_PATH,
    DOCUMENTS_WITHOUT_DISTRICTS,
    FIRST_YEAR_2026_2030,
    GARDEN_PATH,
    LABELS_WITHOUT_DISTRICTS,
    LEVELS_FROM_2026,
    LEVELS_UNTIL_2025,
    MODEL_AREA_PATH,
    PATHS,
    PROVINCE_PATH,
    VILLAGE_PATH,
    WITHOUT_DISTRICTS,
    Path,
    levels_offered,
    offer_refusal,
    path_of,
    subjects_offered,
)
from recognition.rules.turn import (
    Turn,
    turn,
)
from recognition.rules.vocabulary import (
    ACTOR_LABELS,
    COMMUNE_TITLES,
    DOCUMENTS,
    RECORDED_BY,
    REVOCATION_STEPS,
    STEP_LABELS,
    Actor,
    Document,
    Step,
    Subject,
    Tier,
)

__all__ = [
    "Tier",
    "Subject",
    "Actor",
    "ACTOR_LABELS",
    "Step",
    "STEP_LABELS",
    "REVOCATION_STEPS",
    "Document",
    "DOCUMENTS",
    "Path",
    "COMMUNE_PATH",
    "VILLAGE_PATH",
    "MODEL_AREA_PATH",
    "GARDEN_PATH",
    "PROVINCE_PATH",
    "WITHOUT_DISTRICTS",
    "DOCUMENTS_WITHOUT_DISTRICTS",
    "LABELS_WITHOUT_DISTRICTS",
    "PATHS",
    "path_of",
    "FIRST_YEAR_2026_2030",
    "LEVELS_UNTIL_2025",
    "LEVELS_FROM_2026",
    "levels_offered",
    "subjects_offered",
    "offer_refusal",
    "required_documents",
    "missing_documents",
    "document_step",
    "document_owner",
    "RECORDED_BY",
    "attach_refusal",
    "attachable_documents",
    "BlockerCode",
    "Blocker",
    "refusal",
    "may_move",
    "is_return",
    "SATISFACTION_MINIMUM",
    "POLL_COVERAGE_MINIMUM",
    "PREREQUISITE",
    "COMMUNE_TITLES",
    "GATED_STEPS",
    "RevocationGround",
    "IMMEDIATE_GROUNDS",
    "DossierFacts",
    "floor_share",
    "blockers",
    "Outcome",
    "move",
    "Turn",
    "turn",
]
