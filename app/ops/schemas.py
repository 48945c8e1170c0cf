import marshmallow as ma


class ClientSettingsSchema(ma.Schema):
    sandbox = ma.fields.Boolean(metadata={"description": "Whether this server's WeChat is the built-in sandbox"})
    pay_version = ma.fields.String()
    subscribe_templates = ma.fields.Dict(
        keys=ma.fields.String(), values=ma.fields.String(),
        metadata={"description": "Subscribe-message template id for each event"},
    )
    privacy_policy_url = ma.fields.String(metadata={
        "description": "The privacy policy page (absolute; `?format=fragment` for rich-text, `?lang=en`)"})
    help_url = ma.fields.String(metadata={"description": "GET /api/v1/help, absolute: the FAQ and how to complain"})
