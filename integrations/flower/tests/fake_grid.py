"""An in-process stand-in for Flower's Grid: messages go straight to this package's
ClientApp handlers (no Ray, no network), so the strategy and server can be tested in
milliseconds. Nodes can be made to fail, fall silent or disconnect."""

from __future__ import annotations

from flwr.app import Context, Message, MessageType, RecordDict

from pact_flower import client_app


class FakeGrid:
    def __init__(self, node_configs: dict[int, dict]):
        from flwr.supercore.task_identity import TaskIdentity  # Flower 1.42 stamps messages with it

        TaskIdentity.task_id = 1
        TaskIdentity.run_id = 1
        TaskIdentity.node_id = 0
        self.node_configs = node_configs  # Flower node id → node config
        self.contexts = {i: Context(run_id=1, node_id=i, node_config=dict(c), state=RecordDict(), run_config={}) for i, c in node_configs.items()}
        self.failing: set[int] = set()  # fail every message
        self.failing_train: set[int] = set()  # answer queries and evaluations, crash in training
        self.silent: set[int] = set()
        self.sent: list[Message] = []

    def get_node_ids(self):
        return list(self.node_configs)

    def send_and_receive(self, messages, *, timeout=None):
        handlers = {MessageType.QUERY: client_app.query, MessageType.TRAIN: client_app.train, MessageType.EVALUATE: client_app.evaluate}
        replies = []
        for msg in messages:
            self.sent.append(msg)
            node = msg.metadata.dst_node_id
            if node in self.silent:
                continue
            if node in self.failing or (node in self.failing_train and msg.metadata.message_type == MessageType.TRAIN):
                from flwr.app import Error

                replies.append(Message(Error(code=1, reason="simulated crash"), reply_to=msg))
                continue
            replies.append(handlers[msg.metadata.message_type](msg, self.contexts[node]))
        return replies
