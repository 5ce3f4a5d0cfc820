// Layout changes wait while a mouse button or finger is down. Leaving an invalid field by clicking the
// next control fires `focusout` between press and release; a message inserted then would move that
// control away under the pointer and the click would land on something else. So such updates run
// after the release (and after its click), and right away otherwise (keyboard, typing).

let pressed = false;
const waiting = [];

export function afterPointerRelease(fn) {
  if (pressed) waiting.push(fn);
  else fn();
}

function release() {
  if (!pressed) return;
  pressed = false;
  // The click event follows pointerup in the same task: run after it.
  setTimeout(() => {
    for (const fn of waiting.splice(0)) fn();
  }, 0);
}

export function watchPointer() {
  document.addEventListener('pointerdown', () => { pressed = true; }, true);
  document.addEventListener('pointerup', release, true);
  document.addEventListener('pointercancel', release, true);
}
