"""The scenario file format `interdict/1`: the document and the world's specs, the loader and its
semantic rules, `picture_of` (what the engine may know)."""
