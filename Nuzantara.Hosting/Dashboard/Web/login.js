"use strict";
// The login page has no other script: it only says when the last attempt failed.
document.getElementById("failed").hidden = new URLSearchParams(location.search).get("failed") !== "1";
