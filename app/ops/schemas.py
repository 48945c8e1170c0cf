import marshmallow as ma


class ClientSettingsSchema(ma.Schema):
    sandbox = ma.fields.Boolean(metadata={"description": "Whether this server's WeChat is the built-in sandbox"})
    pay_version = ma.fields.String()
    subscribe_templates = ma.fields.Dict(
        keys=ma.fields.String(), values=ma.fields.String(),
        metadata={"description": "Subscribe-message template id for each event"},
    )
