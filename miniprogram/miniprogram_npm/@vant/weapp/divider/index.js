"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
var component_1 = require("../common/component");
(0, component_1.VantComponent)({
    props: {
        dashed: Boolean,
        hairline: Boolean,
        contentPosition: String,
        fontSize: String,
        borderColor: String,
        textColor: String,
        customStyle: String,
    },
});
