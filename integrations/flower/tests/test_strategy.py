"""Unit tests of the plan-following strategy: selection, pruning mask, aggregation,
errors that name the node; and the whole server loop in process against the shared
traces (made by the reference trainer), which it must reproduce exactly."""

from __future__ import annotations

import csv
import json
import logging
import os
import sys
import unittest

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from fake_grid import FakeGrid  # noqa: E402
from flwr.app import ArrayRecord, ConfigRecord, Message, MessageType, MetricRecord, RecordDict  # noqa: E402

from pact_flower import mlp, policies, pruning  # noqa: E402
from pact_flower.plan_strategy import PlanError, PlanStrategy, weighted_average  # noqa: E402
from pact_flower.scenario import Plan, PlanEpoch, ScenarioError, load_scenario, plan_from_json, scenario_from_json  # noqa: E402
from pact_flower.server_app import Job, Run, execute  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
DIGITS = os.path.join(ROOT, "sample-scenarios", "digits-fedavg.json")
TRACES = os.path.join(ROOT, "Tests", "PACTCoreTests", "Fixtures", "digits", "traces.csv")
logging.getLogger("flwr").setLevel(logging.ERROR)


def plan(*epochs: tuple[tuple[str, ...], float]) -> Plan:
    return Plan(tuple(PlanEpoch(k + 1, nodes, rem, None) for k, (nodes, rem) in enumerate(epochs)))


def strategy(p: Plan, ids: dict[str, int], **kw) -> PlanStrategy:
    params = mlp.initial_parameters(0)
    return PlanStrategy(plan=p, node_ids=ids, masks=pruning.full_masks(params), train_config={"seed": 0}, **kw)


class SelectionTests(unittest.TestCase):
    def test_each_round_sends_to_exactly_the_plans_nodes(self):
        ids = {"a": 11, "b": 12, "c": 13}
        p = plan((("a", "c"), 1.0), (("b",), 0.8), (("a", "b", "c"), 0.8))
        s = strategy(p, ids)
        grid = FakeGrid({11: {}, 12: {}, 13: {}})
        arrays = ArrayRecord(mlp.initial_parameters(0))
        for k, expected in enumerate([{11, 13}, {12}, {11, 12, 13}], start=1):
            msgs = list(s.configure_train(k, arrays, ConfigRecord(), grid))
            self.assertEqual({m.metadata.dst_node_id for m in msgs}, expected)
            self.assertTrue(all(m.metadata.message_type == MessageType.TRAIN for m in msgs))
            self.assertEqual({str(m.content["config"]["pact-node"]) for m in msgs}, {n for n, f in ids.items() if f in expected})

    def test_a_plan_node_that_is_not_connected_is_named(self):
        with self.assertRaises(PlanError) as e:
            strategy(plan((("a", "ghost"), 1.0)), {"a": 1})
        self.assertIn("ghost", str(e.exception))
        self.assertIn("not connected", str(e.exception))

    def test_a_node_that_leaves_mid_run_is_named(self):
        s = strategy(plan((("a",), 1.0), (("b",), 1.0)), {"a": 1, "b": 2})
        grid = FakeGrid({1: {}})  # b is gone
        with self.assertRaises(PlanError) as e:
            list(s.configure_train(2, ArrayRecord(mlp.initial_parameters(0)), ConfigRecord(), grid))
        self.assertIn("b", str(e.exception))

    def test_failed_and_silent_nodes_are_errors_naming_them(self):
        s = strategy(plan((("a", "b"), 1.0)), {"a": 1, "b": 2})
        with self.assertRaises(PlanError) as e:
            s._replies_by_node(1, [], {1: "a", 2: "b"}, "train")
        self.assertIn("no train reply from nodes a, b", str(e.exception))

    def test_stops_after_the_plans_last_epoch(self):
        s = strategy(plan((("a",), 1.0)), {"a": 1})
        with self.assertRaises(PlanError):
            s.selection(2)


class PruningTests(unittest.TestCase):
    def test_keeps_the_largest_weights_over_all_layers(self):
        params = mlp.initial_parameters(3)
        masks = pruning.full_masks(params)
        pruned, masks = pruning.prune(params, masks, 0.5)
        weights = mlp.split(params)[0]
        total = sum(w.size for w in weights)
        kept = int(sum(m.sum() for m in masks))
        self.assertEqual(kept, round(0.5 * total))
        threshold = np.sort(np.concatenate([np.abs(w).ravel() for w in weights]))[::-1][kept - 1]
        for w, m, pw in zip(weights, masks, mlp.split(pruned)[0]):
            np.testing.assert_array_equal(m, (np.abs(w) >= threshold).astype(float))
            np.testing.assert_array_equal(pw, w * m)
        for b, pb in zip(mlp.split(params)[1], mlp.split(pruned)[1]):
            np.testing.assert_array_equal(b, pb)  # biases are never pruned

    def test_the_mask_only_grows(self):
        rng = np.random.default_rng(5)
        params = mlp.initial_parameters(1)
        masks = pruning.full_masks(params)
        previous = [m.copy() for m in masks]
        for r in [0.8, 0.64, 0.8, 0.512, 1.0, 0.2]:
            # weights move between prunings (training); a pruned weight must stay pruned
            params = pruning.apply([p + rng.normal(0, 0.3, p.shape) for p in params], masks)
            params, masks = pruning.prune(params, masks, r)
            for m, pm in zip(masks, previous):
                self.assertTrue(np.all(m <= pm))
            previous = [m.copy() for m in masks]
        self.assertAlmostEqual(pruning.remaining_fraction(masks), 0.2, places=3)

    def test_a_larger_fraction_changes_nothing(self):
        params = mlp.initial_parameters(2)
        p1, m1 = pruning.prune(params, pruning.full_masks(params), 0.5)
        p2, m2 = pruning.prune(p1, m1, 0.9)
        for a, b in zip(m1, m2):
            np.testing.assert_array_equal(a, b)

    def test_rejects_a_fraction_outside_0_1(self):
        params = mlp.initial_parameters(2)
        with self.assertRaises(ValueError):
            pruning.prune(params, pruning.full_masks(params), 0)

    def test_strategy_prunes_before_sending_and_after_aggregating(self):
        p = plan((("a",), 1.0), (("a", "b"), 0.64))
        s = strategy(p, {"a": 1, "b": 2})
        grid = FakeGrid({1: {}, 2: {}})
        arrays = ArrayRecord(mlp.initial_parameters(0))
        list(s.configure_train(1, arrays, ConfigRecord(), grid))
        self.assertEqual(s.remaining, 1.0)
        msgs = list(s.configure_train(2, arrays, ConfigRecord(), grid))
        self.assertEqual(s.remaining, 0.64)
        sent = msgs[0].content["arrays"].to_numpy_ndarrays()
        mask = msgs[0].content["mask"].to_numpy_ndarrays()
        self.assertAlmostEqual(pruning.remaining_fraction(mask), 0.64, places=4)
        for w, m in zip(mlp.split(sent)[0], mask):
            self.assertTrue(np.all(w[m == 0] == 0))
        # replies with weights everywhere (as if a client ignored the mask): the aggregate is masked again
        full = [np.ones_like(a) for a in sent]
        replies = [
            Message(RecordDict({"arrays": ArrayRecord(full), "metrics": MetricRecord({"num-examples": 3})}), reply_to=m)
            for m in msgs
        ]
        agg, _ = s.aggregate_train(2, replies)
        for w, m in zip(mlp.split(agg.to_numpy_ndarrays())[0], s.masks):
            np.testing.assert_array_equal(w, m)


class AggregationTests(unittest.TestCase):
    def test_weighted_by_samples(self):
        a = [np.array([1.0, 2.0]), np.array([[0.0]])]
        b = [np.array([4.0, 8.0]), np.array([[3.0]])]
        out = weighted_average([(a, 1), (b, 2)])
        np.testing.assert_allclose(out[0], [3.0, 6.0])
        np.testing.assert_allclose(out[1], [[2.0]])

    def test_nodes_without_samples_count_for_nothing(self):
        a = [np.array([1.0])]
        b = [np.array([100.0])]
        np.testing.assert_allclose(weighted_average([(a, 4), (b, 0)])[0], [1.0])
        self.assertIsNone(weighted_average([(b, 0)]))

    def test_shape_mismatch_is_an_error(self):
        with self.assertRaises(PlanError):
            weighted_average([([np.zeros(2)], 1), ([np.zeros(3)], 1)])


class FileTests(unittest.TestCase):
    def setUp(self):
        self.scenario = load_scenario(DIGITS)

    def test_plan_errors_name_the_field(self):
        cases = [
            ({"epochs": [{"epoch": 1, "nodes": ["nope"], "remaining": 1}]}, "epochs[0].nodes", "nope"),
            ({"epochs": [{"epoch": 2, "nodes": ["a1-s0-n0"], "remaining": 1}]}, "epochs[0].epoch", "in order"),
            ({"epochs": [{"nodes": ["a1-s0-n0"], "remaining": 0.5}, {"nodes": ["a1-s0-n0"], "remaining": 0.8}]}, "epochs[1].remaining", "never goes back"),
            ({"epochs": [{"nodes": [], "remaining": 1}]}, "epochs[0].nodes", "non-empty"),
            ({"epochs": [{"nodes": ["a1-s0-n0"], "level": 99}]}, "epochs[0].level", "levels"),
            ({"epochs": [], "totals": {"feasible": False}}, "totals.feasible", "no feasible plan"),
            ({}, "epochs", "missing"),
        ]
        for obj, where, what in cases:
            with self.subTest(where=where):
                with self.assertRaises(ScenarioError) as e:
                    plan_from_json(obj, self.scenario)
                self.assertIn(where, e.exception.where)
                self.assertIn(what, str(e.exception))

    def test_a_level_means_the_scenarios_fraction(self):
        p = plan_from_json({"epochs": [{"nodes": ["a1-s0-n0"], "level": 2}]}, self.scenario)
        self.assertEqual(p.epochs[0].remaining, self.scenario.pruning_levels[2])

    def test_scenario_errors_name_the_field(self):
        with open(DIGITS) as f:
            base = json.load(f)
        bad = json.loads(json.dumps(base))
        bad["nodes"][3]["labelHistogram"][0] += 1
        with self.assertRaises(ScenarioError) as e:
            scenario_from_json(bad)
        self.assertIn("nodes[3].labelHistogram", str(e.exception))
        bad = json.loads(json.dumps(base))
        bad["training"]["batchSize"] = "big"
        with self.assertRaises(ScenarioError) as e:
            scenario_from_json(bad)
        self.assertIn("training.batchSize", str(e.exception))

    def test_policies_are_the_shared_traces(self):
        sizes = [n.samples for n in self.scenario.nodes]
        p = policies.policy_plan(self.scenario, "top2", "oneshot-L6-at5", 6, 0)
        top = sorted(np.argsort(-np.array(sizes), kind="stable")[:2].tolist())
        self.assertEqual(p.epochs[0].nodes, tuple(self.scenario.nodes[i].id for i in top))
        self.assertEqual([e.remaining for e in p.epochs], [1, 1, 1, 1, 0.8**6, 0.8**6])
        with self.assertRaises(ValueError):
            policies.policy_plan(self.scenario, "top11", "none", 3, 0)


def _shared_rows(run: str) -> list[dict[str, str]]:
    with open(TRACES, newline="") as f:
        return [r for r in csv.DictReader(f) if r["run"] == run]


class ServerLoopTests(unittest.TestCase):
    """The whole server loop (query, per-round prune/send/aggregate, federated and
    held-out evaluation) over in-process clients."""

    def setUp(self):
        self.scenario = load_scenario(DIGITS)
        with open(DIGITS) as f:
            self.text = json.dumps(json.load(f))
        self.grid = FakeGrid({500 + 7 * i: {"partition-id": i} for i in range(len(self.scenario.nodes))})

    def run_job(self, runs, **kw):
        job = Job(self.scenario, self.text, runs, None, seed=0, **kw)
        execute(self.grid, job)
        if job.error is not None:
            raise job.error
        return job

    def test_reproduces_the_shared_traces_exactly_with_the_shared_stream(self):
        for policy, schedule, rounds in [("top2", "oneshot-L6-at5", 8), ("rand3", "gradual-every2-to6", 6), ("all", "early-L5-at1", 3)]:
            tag = f"a1-s0-{policy}-{schedule}"
            with self.subTest(run=tag):
                p = policies.policy_plan(self.scenario, policy, schedule, rounds, 0)
                job = self.run_job([Run(tag, p, policy, schedule)], shuffle="shared")
                want = _shared_rows(tag)[: rounds + 1]
                self.assertEqual(len(want), rounds + 1)
                for got, row in zip(job.records[tag], want):
                    self.assertEqual(";".join(got.nodes), row["nodes"])
                    self.assertEqual(got.samples, int(row["samples"]))
                    self.assertAlmostEqual(got.remaining, float(row["remaining"]), places=6)
                    self.assertEqual(round(got.train_loss, 5), float(row["train_loss"]))
                    self.assertEqual(round(got.test_loss, 5), float(row["test_loss"]))
                    self.assertEqual(round(got.test_acc, 4), float(row["test_acc"]))

    def test_per_node_shuffling_is_repeatable_and_differs_from_the_shared_stream(self):
        p = policies.policy_plan(self.scenario, "top2", "none", 3, 0)
        a = self.run_job([Run("x", p)]).records["x"]
        b = self.run_job([Run("x", p)]).records["x"]
        c = self.run_job([Run("x", p)], shuffle_seed=9).records["x"]
        self.assertEqual([r.train_loss for r in a], [r.train_loss for r in b])
        self.assertEqual(a[0].train_loss, c[0].train_loss)  # same initial weights
        self.assertNotEqual(a[-1].train_loss, c[-1].train_loss)

    def test_a_plan_node_missing_from_the_federation_is_named(self):
        self.grid = FakeGrid({1: {"partition-id": 0}, 2: {"partition-id": 1}})
        job = Job(self.scenario, self.text, [Run("x", plan((("a1-s0-n0", "a1-s0-n5"), 1.0)))], None, connect_timeout=0)
        execute(self.grid, job)
        self.assertIsInstance(job.error, PlanError)
        self.assertIn("a1-s0-n5", str(job.error))

    def test_a_node_crashing_in_training_is_named(self):
        self.grid.failing_train.add(500 + 7 * 4)
        job = Job(self.scenario, self.text, [Run("x", plan((("a1-s0-n1", "a1-s0-n4"), 1.0)))], None, connect_timeout=0)
        execute(self.grid, job)
        self.assertIsInstance(job.error, PlanError)
        self.assertIn("round 1: node a1-s0-n4 failed to train: simulated crash", str(job.error))

    def test_a_node_that_cannot_say_who_it_is_is_named_by_its_flower_id(self):
        self.grid.failing.add(500 + 7 * 4)
        job = Job(self.scenario, self.text, [Run("x", plan((("a1-s0-n1",), 1.0)))], None, connect_timeout=0)
        execute(self.grid, job)
        self.assertIn("flower node 528", str(job.error))

    def test_deployment_identity_from_the_node_config(self):
        self.grid = FakeGrid({40 + i: {"pact-node": n.id} for i, n in enumerate(reversed(self.scenario.nodes))})
        p = plan((("a1-s0-n2", "a1-s0-n7"), 1.0))
        job = self.run_job([Run("x", p)])
        self.assertEqual(job.node_ids["a1-s0-n2"], 40 + 7)
        sent = [m for m in self.grid.sent if m.metadata.message_type == MessageType.TRAIN]
        self.assertEqual({m.metadata.dst_node_id for m in sent}, {47, 42})


if __name__ == "__main__":
    unittest.main()
