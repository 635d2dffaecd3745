"""What crosses the wall between the world and the engine, no truth in it: the picture and its
specs, plots, the procedure vocabulary, the observations."""
