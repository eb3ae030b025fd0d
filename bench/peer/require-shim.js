// @polar-sh/checkout 0.3.0's ESM build still calls `require("react")` through esbuild's
// `__require` shim, which throws in a browser ("Dynamic require of "react" is not
// supported") unless a global `require` exists. This module runs before Polar's (it is
// imported first) and answers those calls with the page's own React.
import * as React from "react";
import * as ReactDOM from "react-dom";
import * as JsxRuntime from "react/jsx-runtime";

const modules = { react: React, "react-dom": ReactDOM, "react/jsx-runtime": JsxRuntime };
globalThis.require ??= (name) => {
  if (name in modules) return modules[name];
  throw new Error(`peer page: no module ${name}`);
};
