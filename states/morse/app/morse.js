// International Morse code: letters as dots and dashes separated by spaces, words by " / ".
const CODE = {
  A: '.-', B: '-...', C: '-.-.', D: '-..', E: '.', F: '..-.', G: '--.', H: '....', I: '..', J: '.---',
  K: '-.-', L: '.-..', M: '--', N: '-.', O: '---', P: '.--.', Q: '--.-', R: '.-.', S: '...', T: '-',
  U: '..-', V: '...-', W: '.--', X: '-..-', Y: '-.--', Z: '--..',
  0: '-----', 1: '.----', 2: '..---', 3: '...--', 4: '....-', 5: '.....', 6: '-....', 7: '--...', 8: '---..', 9: '----.',
  '.': '.-.-.-', ',': '--..--', '?': '..--..', "'": '.----.', '!': '-.-.--', '/': '-..-.', '(': '-.--.', ')': '-.--.-',
  '&': '.-...', ':': '---...', ';': '-.-.-.', '=': '-...-', '+': '.-.-.', '-': '-....-', '_': '..--.-', '"': '.-..-.',
  '@': '.--.-.',
};

/** The characters of `text` Morse has no code for (case does not matter), each once. */
export function unsupported(text) {
  return [...new Set([...text.toUpperCase()].filter((ch) => !/\s/.test(ch) && !(ch in CODE)))];
}

/** `text` in Morse code; call unsupported() first, unknown characters are dropped. */
export function encode(text) {
  return text
    .trim()
    .toUpperCase()
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => [...word].filter((ch) => ch in CODE).map((ch) => CODE[ch]).join(' '))
    .join(' / ');
}
