from tests.model_fixtures import action_server, agent, trained_model

__all__ = ["action_server", "agent", "trained_model"]
