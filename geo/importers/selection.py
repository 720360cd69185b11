"""Groups of provinces that must be loaded together: the old provinces merged into a new one, and the new
provinces an old one went into, closed transitively (a group's lineage never leaves it)."""

from collections.abc import Iterable
from dataclasses import dataclass

from geo.importers.records import Link
from geo.models import Level


@dataclass(frozen=True)
class Group:
    """Province codes before the 2025 reform and from it."""

    before: frozenset[str]
    after: frozenset[str]

    def label(self) -> str:
        return f"trước 2025: {', '.join(sorted(self.before))} → từ 2025: {', '.join(sorted(self.after))}"


def province_groups(before: Iterable[str], after: Iterable[str], links: Iterable[Link]) -> list[Group]:
    parent: dict[tuple[str, str], tuple[str, str]] = {}

    def find(node):
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for code in before:
        find(("before", code))
    for code in after:
        find(("after", code))
    for link in links:
        if link.level == Level.PROVINCE:
            parent[find(("before", link.old_code))] = find(("after", link.new_code))
    members: dict[tuple[str, str], set[tuple[str, str]]] = {}
    for node in list(parent):
        members.setdefault(find(node), set()).add(node)
    groups = [
        Group(frozenset(c for side, c in nodes if side == "before"), frozenset(c for side, c in nodes if side == "after"))
        for nodes in members.values()
    ]
    return sorted(groups, key=lambda g: min(g.before | g.after))


def groups_for(codes: Iterable[str], groups: list[Group]) -> list[Group]:
    """The groups holding any of the codes (old or new); unknown codes raise ValueError."""
    wanted = {code.zfill(2) for code in codes}
    chosen = [g for g in groups if wanted & (g.before | g.after)]
    unknown = wanted - set().union(*(g.before | g.after for g in groups))
    if unknown:
        raise ValueError(f"mã tỉnh không có trong dữ liệu: {', '.join(sorted(unknown))}")
    return chosen
