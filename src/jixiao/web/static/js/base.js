// Marks the page as scripted (CSS shows script-only controls); a file, not an inline script,
// so the Content-Security-Policy allows scripts from this site only.
document.documentElement.className += " js";
