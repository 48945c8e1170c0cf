"""WeChat: the only package that imports wechatpy and the WeChat Pay SDKs, plus the sandbox."""
