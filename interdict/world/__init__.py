"""Truth, for the simulator and the scorer: trajectories, terrain, the radar simulator, the responder
(pilots and ATS units), operator policies."""
