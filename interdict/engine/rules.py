"""The rule set in force: response windows, radio-attempt rules, thresholds; pinned by its hash.

F10 / SC-13: procedures eroded because people changed them without authority. The engine refuses
to run with a rule set whose canonical SHA-256 differs from the signed baseline below; a change
needs a new baseline in a reviewed commit (and shows in every audit record).
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import asdict, dataclass

from interdict.core.errors import RuleSetError

__all__ = ["RuleSet", "BASELINE", "PINNED_SHA256", "rules_sha256", "check_pinned", "roles_for", "min_authors"]


@dataclass(frozen=True, slots=True)
class RuleSet:
    """Procedure parameters (seconds, metres, MHz)."""

    # the emergency frequencies an interceptor calls on: VHF 121.5 and UHF 243.0, the military guard a state
    # aircraft may hold alone (Annex 2 App. 2; AIP ENR 1.12)
    guard_frequencies_mhz: tuple[float, ...] = (121.5, 243.0)
    radio_attempts_per_frequency: int = 2  # each phrase sent twice (Annex 2 App. 2)
    radio_min_spacing_s: float = 30.0
    radio_languages: tuple[str, ...] = ("es", "en")  # Spanish plus English (or Portuguese)
    radio_alternative_languages: tuple[str, ...] = ("pt",)
    radio_response_window_s: float = 60.0  # F6: minimum wait after the last call
    query_max_age_s: float = 900.0  # F1: a "no plan found" older than this does not count
    ident_gate_m: float = 10_000.0  # a plan's aircraft that reported itself farther than this is another one
    ident_drift_mps: float = 90.0  # ... plus this much per second since it reported (a light aircraft's speed)
    intercept_response_window_s: float = 120.0  # after Series 1 before instructing to land
    land_response_window_s: float = 180.0
    min_designated_runway_m: float = 600.0  # a land plane is designated a runway at least this long, when listed
    track_min_updates: int = 6  # SC-15
    track_max_position_sigma_m: float = 1_500.0
    track_max_coast_s: float = 30.0  # a track coasting longer than this is not identifiable
    track_min_separation_m: float = 3_000.0
    cruise_band_ft: tuple[float, float] = (3_000.0, 7_000.0)  # SC-09
    innocence_threshold: float = 2.0  # SC-09: weighted innocent indicators that block
    # SC-09's weights: each innocent feature adds its weight to the profile score
    profile_weights: tuple[tuple[str, float], ...] = (
        ("registered_destination", 2.0),
        ("river_destination", 2.0),
        ("mission_destination", 2.0),
        ("civil_origin", 1.0),
        ("cruise_band", 1.0),
        ("daylight", 0.5),
        ("steady_course", 0.5),
    )
    coverage_min_probability: float = 0.05  # SC-22: a strip this likely as destination must have its unit known
    destination_min_probability: float = 0.5  # a predicted destination counts (SC-09, registered route) from here
    steady_min_scans: int = 6  # a course is judged steady over at least this many confirmed scans ...
    steady_window_scans: int = 12  # ... the last this many ...
    steady_max_spread_deg: float = 10.0  # ... when their circular standard deviation is below this
    plan_course_min_speed_mps: float = 20.0  # a plan's direction is judged above this ground speed
    plan_corridor_m: float = 25_000.0  # flight-plan correlation gate across the route: at least this,
    plan_corridor_fraction: float = 0.2  # or this fraction of the route length (rivers wind)
    plan_time_margin_s: float = 1_800.0  # and around its time window
    ground_cue_min_probability: float = 0.9  # SC-17: a cue needs the strip at this probability ...
    ground_cue_firm_s: float = 30.0  # ... held on top, without a dip below it, for this long
    # SC-17: clandestine strips this close (single linkage) form a cluster, cued as one when no strip of it is
    # firm but the cluster is (its summed probability, held as above), to a staging point between them
    cue_cluster_radius_m: float = 8_000.0
    cue_eta_window_fraction: float = 0.2  # the cue's ETA window: +- this fraction of the time to go,
    cue_eta_window_min_s: float = 120.0  # and at least this
    # SC-17: a clandestine strip (or its cluster) this likely brings the advice to put a team on stand-by. A
    # stand-by puts no one at risk and costs a crew's wait at its helicopter; a smuggler missed for want of
    # minutes costs the operation: the level is set low, well below the cue's
    standby_min_probability: float = 0.3
    expected_ground_stop_s: float = 600.0  # a smuggler's stop on a strip: the lower end of 10-12 min (domain §4.2)
    strip_rebuild_s: float = 21 * 86_400.0  # a destroyed strip is possibly rebuilt after this (about three weeks)
    min_time_to_exit_s: float = 600.0  # SC-08: less than this before leaving cover: hand off
    escalation_query_window_s: float = 180.0  # SC-19: every ATS unit asked this recently (and after the
    # visual identification) before people are sent
    plan_delay_max_s: float = 3 * 3_600.0  # a track this much later than a plan's window may be its delayed departure
    plan_slow_fraction: float = 0.6  # the plan's time window assumes the route flown at this fraction of cruise
    plan_default_cruise_mps: float = 60.0  # cruise assumed for a plan of an unknown type
    plan_local_radius_m: float = 150_000.0  # round trip (departure = destination): local work within this
    plan_local_duration_s: float = 6 * 3_600.0  # round trip: airborne for up to this after off-block
    plan_area_margin_m: float = 10_000.0  # a round trip with a work area: within its radius plus this, or on the
    # way there (within plan_corridor_m of the line from departure to the area's centre)
    settle_s: float = 60.0  # SC-21: after a step down, its reasons stay clear this long before the ladder climbs
    lineage_window_s: float = 900.0  # a new track may continue one lost this recently ...
    lineage_speed_mps: float = 100.0  # ... if it could have flown there at this speed
    lineage_margin_m: float = 5_000.0  # plus this margin
    # Written resolutions: which roles may resolve each check; civil indicators need two named people.
    resolution_roles: tuple[tuple[str, tuple[str, ...]], ...] = (
        ("SC-01", ("duty_commander", "ats_coordinator")),
        ("SC-02", ("duty_commander", "ats_coordinator")),
        ("SC-09", ("duty_commander", "ats_coordinator")),
        ("SC-10", ("duty_commander", "ats_coordinator", "safety_monitor")),
        ("SC-12", ("duty_commander",)),
    )
    resolution_min_authors: tuple[tuple[str, int], ...] = (("SC-01", 2), ("SC-02", 2), ("SC-09", 2), ("SC-10", 2))


BASELINE = RuleSet()


def roles_for(rules: RuleSet, check_id: str) -> tuple[str, ...]:
    """The roles allowed to resolve `check_id` in writing (empty: the check is never resolved in writing)."""
    return dict(rules.resolution_roles).get(check_id, ())


def min_authors(rules: RuleSet, check_id: str) -> int:
    """How many different named people must sign a resolution of `check_id`."""
    return dict(rules.resolution_min_authors).get(check_id, 1)


@functools.lru_cache(maxsize=16)
def rules_sha256(rules: RuleSet) -> str:
    """SHA-256 of the rule set's canonical JSON (sorted keys, no spaces)."""
    text = json.dumps(asdict(rules), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# The signed baseline. Changing any rule changes this hash; update it only through review.
PINNED_SHA256 = "717d407095a8f17e2048b72c48a02b31f446b4993b9cdebbfc8ef4b41307eea2"


def check_pinned(rules: RuleSet) -> str:
    """Return the rule set's hash, or raise RuleSetError if it differs from the pinned baseline."""
    digest = rules_sha256(rules)
    if digest != PINNED_SHA256:
        raise RuleSetError(
            f"rule set hash {digest} differs from the pinned baseline {PINNED_SHA256}; the engine "
            "refuses to run with changed procedures (SC-13, F10). Restore the baseline or have the "
            "change signed off and pinned."
        )
    return digest
