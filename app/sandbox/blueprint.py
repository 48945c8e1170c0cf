from flask import Blueprint

#: Every sandbox endpoint, at the path WeChat serves it (mounted at /sandbox/wechat on the app).
blp = Blueprint("sandbox", __name__)
