/**
 * HDS injects its components' CSS into <head> when imported: about 75 sheets and 1 600 rules,
 * some of which jsdom cannot even parse (it printed each in full). jsdom's getComputedStyle walks
 * every rule for each element Testing Library checks for visibility and pointer events, which made
 * one page test take 8 s instead of 0.8 s and time out on a busy machine. Component tests do not
 * lay out pages, so those sheets stay out of the test DOM.
 */
function keepInjectedStylesOut() {
  const head = document.head;
  const append = head.appendChild.bind(head);
  const insertBefore = head.insertBefore.bind(head);
  head.appendChild = <T extends Node>(node: T): T => (node instanceof HTMLStyleElement ? node : append(node));
  head.insertBefore = <T extends Node>(node: T, child: Node | null): T =>
    node instanceof HTMLStyleElement ? node : insertBefore(node, child);
}

keepInjectedStylesOut();
