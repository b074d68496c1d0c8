"""The Flower server: runs one or more plans (a ``Job``) over the connected nodes.

Before the first plan it asks every connected node its pact id (``query``), waiting
up to ``connect_timeout`` seconds for all the scenario's nodes; then for each plan a
fresh ``PlanStrategy`` runs exactly the plan's epochs from the initial weights, and
each round's record (nodes, samples, remaining, federated train loss, the server's
test loss and accuracy) goes to the trace writer.

Locally (``pact-flower run``) the job is handed over in process; in a deployment
(``flwr run`` against a SuperLink) the module-level ``app`` reads it from the run
config: ``scenario``, ``plan`` and ``trace`` paths on the server's machine, plus
``seed`` and ``learning-rate``.
"""

from __future__ import annotations

import json
import logging
import time

import numpy as np
from dataclasses import dataclass, field

from flwr.app import ArrayRecord, ConfigRecord, Context, Message, MessageType, MetricRecord, RecordDict
from flwr.serverapp import Grid, ServerApp

from . import digits, mlp, pruning
from .plan_strategy import SAMPLES_KEY, PlanError, PlanStrategy, RoundRecord
from .scenario import Plan, Scenario, load_plan, load_scenario
from .trace import TraceWriter

log = logging.getLogger("pact_flower")


@dataclass
class Run:
    tag: str
    plan: Plan
    policy: str = "plan"
    schedule: str = "plan"


@dataclass
class Job:
    scenario: Scenario
    scenario_text: str
    runs: list[Run]
    writer: TraceWriter | None
    seed: int = 0
    shuffle_seed: int | None = None  # None: the seed
    shuffle: str = "per-node"  # or "shared": flsim.py's one stream, sent by the server
    learning_rate: float = 0.05
    connect_timeout: float = 60.0
    round_timeout: float = 600.0
    records: dict[str, list[RoundRecord]] = field(default_factory=dict)
    error: BaseException | None = None
    node_ids: dict[str, int] = field(default_factory=dict)
    samples: dict[str, int] = field(default_factory=dict)


def connect(grid: Grid, job: Job) -> dict[str, int]:
    """pact node id → Flower node id, by asking each connected node."""
    wanted = {n.id for n in job.scenario.nodes}
    needed = {n for r in job.runs for e in r.plan.epochs for n in e.nodes}
    mapping: dict[str, int] = {}
    asked: set[int] = set()
    deadline = time.monotonic() + job.connect_timeout
    while True:
        new = [i for i in grid.get_node_ids() if i not in asked]
        if new:
            config = ConfigRecord({"scenario": job.scenario_text, "seed": job.seed})
            messages = [Message(RecordDict({"config": config}), message_type=MessageType.QUERY, dst_node_id=i) for i in new]
            for reply in grid.send_and_receive(messages, timeout=job.round_timeout):
                asked.add(reply.metadata.src_node_id)
                if reply.has_error():
                    raise PlanError(f"flower node {reply.metadata.src_node_id} could not say which pact node it is: {reply.error.reason}")
                pact_id = str(reply.content["config"]["pact-node"])
                job.samples[pact_id] = int(reply.content["config"][SAMPLES_KEY])
                if pact_id in mapping:
                    raise PlanError(f"two Flower nodes ({mapping[pact_id]} and {reply.metadata.src_node_id}) both say they are pact node {pact_id}")
                mapping[pact_id] = reply.metadata.src_node_id
        if wanted <= set(mapping) or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    missing_plan = sorted(needed - set(mapping))
    if missing_plan:
        raise PlanError(
            f"node{'s' if len(missing_plan) > 1 else ''} {', '.join(missing_plan)} of the plan "
            f"{'are' if len(missing_plan) > 1 else 'is'} not connected after {job.connect_timeout:g} s "
            f"(connected: {', '.join(sorted(mapping)) or 'none'})"
        )
    others = sorted(wanted - set(mapping))
    if others:
        log.warning("nodes %s are not connected: the train loss is measured on the other nodes' data only", ", ".join(others))
    return mapping


def run_plan(grid: Grid, job: Job, run: Run, partition: digits.Partition) -> list[RoundRecord]:
    _, Xte, _, yte = digits.data()
    initial = mlp.initial_parameters(job.seed)
    rows: list[RoundRecord] = []

    def on_round(record: RoundRecord) -> None:
        rows.append(record)
        if job.writer is not None:
            job.writer.write(record, run=run.tag, alpha=partition.alpha, seed=partition.seed, policy=run.policy, schedule=run.schedule)

    strategy = PlanStrategy(
        plan=run.plan,
        node_ids=job.node_ids,
        masks=pruning.full_masks(initial),
        train_config={
            "scenario": job.scenario_text,
            "seed": job.seed,
            "shuffle-seed": job.seed if job.shuffle_seed is None else job.shuffle_seed,
            "learning-rate": job.learning_rate,
        },
        on_round=on_round,
        timeout=job.round_timeout,
        shared_shuffle=np.random.default_rng(job.seed if job.shuffle_seed is None else job.shuffle_seed) if job.shuffle == "shared" else None,
        samples=job.samples,
        local_epochs=job.scenario.local_epochs,
    )
    start = ArrayRecord(initial)
    # Round 0: the untrained model on every node's data, then on the test set (start() does that).
    replies = grid.send_and_receive(strategy.evaluation_messages(0, start), timeout=job.round_timeout)
    strategy.aggregate_evaluate(0, replies)

    def evaluate_fn(server_round: int, arrays: ArrayRecord) -> MetricRecord:
        loss, acc = mlp.loss_and_accuracy(arrays.to_numpy_ndarrays(), Xte, yte)
        strategy.record_test(server_round, loss, acc)
        return MetricRecord({"test_loss": loss, "test_acc": acc})

    strategy.start(grid, start, num_rounds=len(run.plan.epochs), timeout=job.round_timeout, evaluate_fn=evaluate_fn)
    return rows


def execute(grid: Grid, job: Job) -> None:
    """Every run of the job, in order; the first error stops the job and is kept in it."""
    try:
        job.node_ids = connect(grid, job)
        partition = digits.partition(job.scenario, job.seed)
        log.info("partition: %s", partition.source)
        for run in job.runs:
            job.records[run.tag] = run_plan(grid, job, run, partition)
    except BaseException as e:  # noqa: BLE001 — reported by the caller, with the node or field it names
        job.error = e


def server_app_for(job: Job) -> ServerApp:
    """A ServerApp that runs ``job`` (the local engine hands the job over in process)."""
    app = ServerApp()

    @app.main()
    def main(grid: Grid, context: Context) -> None:
        execute(grid, job)

    return app


app = ServerApp()


@app.main()
def deployed_main(grid: Grid, context: Context) -> None:
    """``flwr run`` entry point: the job from the run config (paths on the server)."""
    cfg = context.run_config
    scenario = load_scenario(str(cfg["scenario"]))
    plan = load_plan(str(cfg["plan"]), scenario)
    with open(str(cfg["scenario"]), encoding="utf-8") as f:
        text = json.dumps(json.load(f), separators=(",", ":"))
    with open(str(cfg.get("trace", "trace.csv")), "w", newline="", encoding="utf-8") as out:
        job = Job(
            scenario,
            text,
            [Run("plan", plan)],
            TraceWriter(out),
            seed=int(cfg.get("seed", 0)),
            learning_rate=float(cfg.get("learning-rate", 0.05)),
            connect_timeout=float(cfg.get("connect-timeout", 300)),
        )
        execute(grid, job)
    if job.error is not None:
        raise job.error
