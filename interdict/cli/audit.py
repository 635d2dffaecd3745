"""`interdict audit`: make a signing key, verify a log, read a saved run again."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from interdict.cli.common import fail_input, out
from interdict.core.errors import InterdictError

__all__ = ["audit_app"]

audit_app = typer.Typer(no_args_is_help=True, help="Audit log tools: keys, verification, reading a saved run.")


@audit_app.command("keygen")
def keygen(
    out_file: Annotated[Path, typer.Option("--out", help="private key file (PEM, mode 0600); KEY.pub beside it")],
    as_json: Annotated[
        bool, typer.Option("--json", help="print the files written and the fingerprint as JSON")
    ] = False,
) -> None:
    """Make an Ed25519 signing key for `replay --signing-key`; the public key goes to KEY.pub."""
    from interdict.io.signing import generate_key

    try:
        public, fp = generate_key(out_file)
    except InterdictError as exc:
        raise fail_input(exc) from None
    if as_json:
        from interdict.io.header import run_header

        header = run_header("keygen", scenario=None, scenario_sha256=None, seed=None)
        typer.echo(json.dumps({**header, "private_key": str(out_file), "public_key": str(public), "fingerprint": fp}))
        return
    out.print(f"private key {out_file} (keep it secret), public key {public}, fingerprint {fp}", markup=False)


UNVERIFIED_EXIT = 3  # the chain holds, the claimed signature was not checked


@audit_app.command("verify")
def verify(
    file: Annotated[Path, typer.Argument(help="audit log (JSON lines)")],
    public_key: Annotated[
        Path | None, typer.Option(help="the signer's public key (KEY.pub): every signature must verify")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the verdict as JSON (same exit status)")] = False,
) -> None:
    """Verify the chain (and, with --public-key, every signature). Exit 0: OK (verified, or an
    unsigned log with its chain intact, said to be unsigned); 1: BROKEN, naming the first bad record;
    3: UNVERIFIED, the chain holds but the log claims a signature and no --public-key was given to
    check it; 2: unreadable."""
    from interdict.io.audit_verify import verify_audit
    from interdict.io.signing import load_public_key

    try:
        key = None if public_key is None else load_public_key(public_key)
        result = verify_audit(file, key)
    except InterdictError as exc:
        raise fail_input(exc) from None
    verdict = "OK" if result.ok else "UNVERIFIED" if result.unverified else "BROKEN"
    if as_json:
        from interdict.io.audit import file_sha256
        from interdict.io.header import run_header

        header = run_header(
            "verification", scenario=None, scenario_sha256=None, seed=None, inputs={"audit": file_sha256(file)}
        )
        typer.echo(
            json.dumps(
                {
                    **header,
                    "file": str(file),
                    "verdict": verdict,
                    "ok": result.ok,
                    "records": result.n_records,
                    "reason": result.reason,
                    "first_bad_seq": result.first_bad_seq,
                    "signed_by": result.signed_by,
                    "signatures_checked": result.signatures_checked,
                }
            )
        )
    elif verdict == "BROKEN":
        out.print(f"BROKEN: {file}: first bad record {result.first_bad_seq}: {result.reason}", markup=False)
    else:
        out.print(f"{verdict}: {file}: {result.reason}", markup=False)
    if verdict != "OK":
        raise typer.Exit(code=1 if verdict == "BROKEN" else UNVERIFIED_EXIT)


@audit_app.command("show")
def show(
    file: Annotated[Path, typer.Argument(help="audit log (JSON lines)")],
    until: Annotated[float | None, typer.Option(help="stop at this t_s (seconds after start)")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="the events as JSON lines (as `replay --events`)")] = False,
    verbose: Annotated[bool, typer.Option(help="also list every operator procedure")] = False,
) -> None:
    """The timeline and the decisions of a saved run, rebuilt from its audit log alone (the chain
    must verify; signatures are checked by `audit verify --public-key`)."""
    from interdict.core.jsonable import to_jsonable
    from interdict.io.audit_verify import read_records
    from interdict.replay.board import board_rows, render_board
    from interdict.replay.from_audit import saved_run
    from interdict.replay.timeline import render_events, width_of

    if until is not None and not until >= 0:
        raise fail_input(InterdictError(f"--until {until:g}: expected a time after the start, in seconds"))
    try:
        records = read_records(file)
        run = saved_run(records, until)
        board = board_rows(((r["kind"], r["payload"]) for r in records), until)
    except InterdictError as exc:
        raise fail_input(exc) from None
    if as_json:
        from interdict.io.header import run_header

        ident = run.identity
        header = run_header(
            "events", scenario=run.header.get("scenario"), scenario_sha256=ident["scenario_sha256"], seed=ident["seed"]
        )
        typer.echo(json.dumps(header, separators=(",", ":"), sort_keys=True))
        for e in run.events:
            typer.echo(json.dumps(to_jsonable(e), separators=(",", ":"), sort_keys=True))
        return
    ident = run.identity
    signed = f"signed by {ident['key_fingerprint']}" if ident["key_fingerprint"] else "UNSIGNED"
    out.print(
        f"{file}: seed {ident['seed']}, engine {ident['engine_version']}, scenario sha256 "
        f"{str(ident['scenario_sha256'])[:12]}, rules {str(ident['rules_sha256'])[:12]}, engine configuration "
        f"{str(ident['engine_config_sha256'])[:12]}; {signed}",
        markup=False,
    )
    start = _start(run.header)
    render_events(run.events, out, verbose=verbose, start=start)
    render_board(board, out, width_of(out), start=start)
    out.print(
        f"to t = {run.last_t_s:.0f} s: {len(run.events)} events, {run.judgements} operator procedures judged, "
        f"{run.refused} refused",
        markup=False,
    )


def _start(header: Mapping[str, Any]) -> datetime | None:
    """The run's UTC start from the audit header (logs written before it was recorded have none)."""
    try:
        return datetime.fromisoformat(str(header["start_utc"]))
    except (KeyError, ValueError):
        return None
