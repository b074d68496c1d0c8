"""Running a job on this machine with Flower's simulation engine (Ray): one virtual
SuperNode per scenario node, the ServerApp and ClientApp of this package unchanged."""

from __future__ import annotations

import logging
import os
import warnings

from .server_app import Job, server_app_for


def run_simulation(job: Job, *, cpus_per_node: float = float(os.environ.get("PACT_FLOWER_CPUS_PER_NODE", "1")), verbose: bool = False) -> None:
    """Runs the job to its end; raises the job's error (a ``PlanError`` or
    ``ScenarioError`` naming the node or field) if it stopped on one."""
    os.environ.setdefault("RAY_DEDUP_LOGS", "0")
    os.environ.setdefault("RAY_ACCEL_ENV_VAR_OVERRIDE_ON_ZERO", "0")
    from flwr.simulation import run_simulation as flower_run_simulation

    from .client_app import app as client_app

    if not verbose:
        logging.getLogger("flwr").setLevel(logging.WARNING)
        warnings.filterwarnings("ignore")
    flower_run_simulation(
        server_app=server_app_for(job),
        client_app=client_app,
        num_supernodes=len(job.scenario.nodes),
        backend_config={
            "client_resources": {"num_cpus": cpus_per_node, "num_gpus": 0.0},
            "init_args": {"logging_level": "error" if not verbose else "info", "log_to_driver": verbose, "include_dashboard": False},
        },
        verbose_logging=verbose,
    )
    if job.error is not None:
        raise job.error
