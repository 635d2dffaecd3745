"""Trainer drills: drill and answers files, a drill session with the trainee as operator, grading
against the by-the-book operator, the after-action report and the terminal UI (docs/drills.md)."""
