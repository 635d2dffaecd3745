"""interdict: air-track identification decision support.

The engine tracks simulated radar plots, matches tracks to airstrips and runs identification
and civil-safety checks that block any escalation the evidence does not support. Its ladder
ends at non-lethal ICAO measures and at cueing a ground interdiction; it never recommends
use of weapons.
"""

__version__ = "0.1.0"
__all__ = ["__version__"]
