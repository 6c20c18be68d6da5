from tests.connectors.webchat_server import webchat_server
from tests.model_fixtures import action_data_dir, action_server, trained_model

__all__ = ["action_data_dir", "action_server", "trained_model", "webchat_server"]
