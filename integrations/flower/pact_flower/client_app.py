"""The Flower client: one pact node training the digits MLP on its own partition.

Its pact node id comes from its node config: ``pact-node`` when the SuperNode was
started with ``--node-config 'pact-node="a1-s0-n3"'`` (a real deployment), else the
scenario's node at ``partition-id`` (Flower's simulation engine numbers its virtual
nodes 0…N−1). The scenario, seed and learning rate arrive with every message from
the server, so a client needs nothing but its identity.

- ``query``: answers its pact node id and sample count (the server maps ids with it);
- ``train``: local epochs of minibatch SGD (batch size and local epochs from the
  scenario) from the global weights, pruned weights frozen by the mask sent along;
- ``evaluate``: loss and accuracy of the global model on its partition.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache

import numpy as np
from flwr.app import ArrayRecord, ConfigRecord, Context, Message, MetricRecord, RecordDict
from flwr.clientapp import ClientApp

from . import digits, mlp
from .plan_strategy import SAMPLES_KEY
from .scenario import Scenario, scenario_from_json

app = ClientApp()


@lru_cache(maxsize=4)
def _scenario(text: str) -> Scenario:
    return scenario_from_json(json.loads(text))


@lru_cache(maxsize=8)
def _partition(text: str, seed: int) -> digits.Partition:
    return digits.partition(_scenario(text), seed)


def identity(context: Context, scenario: Scenario) -> str:
    """This node's pact id, from its node config."""
    configured = context.node_config.get("pact-node")
    if configured:
        node_id = str(configured)
        if node_id not in {n.id for n in scenario.nodes}:
            raise ValueError(f"node config pact-node={node_id!r} is not a node of scenario {scenario.name!r}")
        return node_id
    if "partition-id" not in context.node_config:
        raise ValueError("this SuperNode has neither a pact-node nor a partition-id in its node config")
    index = int(context.node_config["partition-id"])
    if not 0 <= index < len(scenario.nodes):
        raise ValueError(f"partition-id {index} is outside the scenario's {len(scenario.nodes)} nodes")
    return scenario.nodes[index].id


def local_data(config: ConfigRecord, context: Context) -> tuple[str, np.ndarray, np.ndarray, Scenario]:
    text = str(config["scenario"])
    scenario = _scenario(text)
    me = identity(context, scenario)
    if "pact-node" in config and str(config["pact-node"]) != me:
        raise ValueError(f"message meant for node {config['pact-node']} reached node {me}")
    part = _partition(text, int(config["seed"]))
    ids = part.indices[[n.id for n in scenario.nodes].index(me)]
    Xtr, _, ytr, _ = digits.data()
    return me, Xtr[ids], ytr[ids], scenario


def shuffle_seed(seed: int, server_round: int, node_id: str) -> list[int]:
    """The node's shuffling stream for a round: fixed by (seed, round, node), so a run
    repeats exactly whatever order the engine schedules the nodes in."""
    digest = hashlib.sha256(node_id.encode()).digest()
    return [seed, server_round, int.from_bytes(digest[:4], "little")]


@app.query()
def query(msg: Message, context: Context) -> Message:
    config = msg.content["config"]
    me, _, y, _ = local_data(config, context)
    return Message(RecordDict({"config": ConfigRecord({"pact-node": me, SAMPLES_KEY: int(len(y))})}), reply_to=msg)


@app.train()
def train(msg: Message, context: Context) -> Message:
    config = msg.content["config"]
    me, X, y, scenario = local_data(config, context)
    params = msg.content["arrays"].to_numpy_ndarrays()
    masks = msg.content["mask"].to_numpy_ndarrays()
    server_round = int(config["server-round"])
    if "shuffle-state" in config:  # the server's shared stream (flsim.py's order)
        rng = np.random.Generator(np.random.PCG64())
        rng.bit_generator.state = json.loads(str(config["shuffle-state"]))
    else:
        rng = np.random.default_rng(shuffle_seed(int(config["shuffle-seed"]), server_round, me))
    if len(y):
        params = mlp.train(
            params,
            masks,
            X,
            y,
            epochs=scenario.local_epochs,
            batch_size=scenario.batch_size,
            learning_rate=float(config["learning-rate"]),
            rng=rng,
        )
    loss, _ = mlp.loss_and_accuracy(params, X, y)
    metrics = MetricRecord({SAMPLES_KEY: int(len(y)), "local_loss": loss if len(y) else 0.0})
    return Message(RecordDict({"arrays": ArrayRecord(params), "metrics": metrics}), reply_to=msg)


@app.evaluate()
def evaluate(msg: Message, context: Context) -> Message:
    config = msg.content["config"]
    _, X, y, _ = local_data(config, context)
    loss, acc = mlp.loss_and_accuracy(msg.content["arrays"].to_numpy_ndarrays(), X, y)
    metrics = MetricRecord({SAMPLES_KEY: int(len(y)), "train_loss": loss if len(y) else 0.0, "train_acc": acc if len(y) else 0.0})
    return Message(RecordDict({"metrics": metrics}), reply_to=msg)
