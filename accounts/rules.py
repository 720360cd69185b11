"""Which role may do what — pure data, no ORM. Where it may do it is `accounts.scope`'s job."""

from enum import StrEnum

from accounts.models import Role


class Permission(StrEnum):
    VIEW_MAP = "view_map"  # browse units, their history and attributes
    EDIT_VILLAGES = "edit_villages"  # upload or change the villages of a commune
    EDIT_UNIT_ATTRIBUTES = "edit_unit_attributes"  # region, commune group, flags — by decision
    MANAGE_ACCOUNTS = "manage_accounts"  # agencies, users, memberships
    VIEW_AUDIT = "view_audit"
    VIEW_ASSESSMENT = "view_assessment"  # values, results, overviews
    ENTER_VALUES = "enter_values"  # type and submit a commune's indicator values
    VERIFY_VALUES = "verify_values"  # thẩm tra — the district checks its communes' values
    APPRAISE_VALUES = "appraise_values"  # thẩm định — the province checks them after the district
    VERIFY_AS_DESIGNATED = "verify_as_designated"  # thẩm tra for the agency the province designated (no district)
    MANAGE_PROCEDURE = "manage_procedure"  # who verifies without districts, whether wards are assessed
    EDIT_CRITERIA_SETS = "edit_criteria_sets"  # a province's own version of a set
    VIEW_TASKS = "view_tasks"  # notices, task boards
    MANAGE_NOTICES = "manage_notices"  # import or type notices, edit any task of the province
    REPORT_TASKS = "report_tasks"  # report progress on the tasks of one's own agency
    VIEW_FINANCE = "view_finance"  # the finance pages, over the projects the user may see
    VIEW_ALL_PROJECTS = "view_all_projects"  # every project of the provinces in scope (the office, leaders)
    VIEW_AREA_PROJECTS = "view_area_projects"  # projects in the communes of one's district or commune
    UPDATE_OWN_PROJECTS = "update_own_projects"  # an investor's officers: disbursements and progress of its projects
    MANAGE_FINANCE = "manage_finance"  # plans, imports, debts, cement, sponsors, the public disclosure
    VIEW_RECOGNITION = "view_recognition"  # registrations, roadmaps, dossiers, targets, the office dashboard
    EDIT_ROADMAP = "edit_roadmap"  # a commune's roadmap actions (the commune, its district)
    ACT_ON_DOSSIERS = "act_on_dossiers"  # move a dossier through the steps its actor owns
    MANAGE_RECOGNITION = "manage_recognition"  # registrations, appraisal, decisions, revocations, targets


_READ = frozenset({Permission.VIEW_MAP, Permission.VIEW_ASSESSMENT, Permission.VIEW_TASKS, Permission.VIEW_FINANCE,
                   Permission.VIEW_RECOGNITION})
_OWN_PROJECTS = {Permission.UPDATE_OWN_PROJECTS}
_AREA = {Permission.VIEW_AREA_PROJECTS, Permission.UPDATE_OWN_PROJECTS, Permission.EDIT_ROADMAP,
         Permission.ACT_ON_DOSSIERS}

ROLE_PERMISSIONS: dict[str, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.COORDINATOR: frozenset(Permission),
    Role.LEADER: _READ | {Permission.VIEW_AUDIT, Permission.VIEW_ALL_PROJECTS},
    Role.DEPARTMENT_OFFICER: _READ | {Permission.REPORT_TASKS, Permission.ACT_ON_DOSSIERS, Permission.VERIFY_AS_DESIGNATED}
    | _OWN_PROJECTS,
    Role.DISTRICT_OFFICER: _READ | {Permission.EDIT_VILLAGES, Permission.VERIFY_VALUES, Permission.REPORT_TASKS} | _AREA,
    Role.COMMUNE_OFFICER: _READ | {Permission.EDIT_VILLAGES, Permission.ENTER_VALUES, Permission.REPORT_TASKS} | _AREA,
    Role.VIEWER: _READ | {Permission.VIEW_ALL_PROJECTS},
}


def role_allows(role: str, permission: Permission) -> bool:
    return permission in ROLE_PERMISSIONS.get(role, frozenset())


def roles_allowing(permission: Permission) -> set[str]:
    return {role for role, allowed in ROLE_PERMISSIONS.items() if permission in allowed}
