// Records kassa:error events in window.kassaErrors (used by the CSP test, where no
// inline script may run).
window.kassaErrors = [];
document.addEventListener("kassa:error", (e) => window.kassaErrors.push(e.detail));
