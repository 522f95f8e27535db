// Morse decoding for the release tests: the test's own table (International Morse code),
// so what the app encodes is checked against the standard, not against the app's code.
const LETTERS: Record<string, string> = {
  '.-': 'A', '-...': 'B', '-.-.': 'C', '-..': 'D', '.': 'E', '..-.': 'F', '--.': 'G', '....': 'H', '..': 'I', '.---': 'J',
  '-.-': 'K', '.-..': 'L', '--': 'M', '-.': 'N', '---': 'O', '.--.': 'P', '--.-': 'Q', '.-.': 'R', '...': 'S', '-': 'T',
  '..-': 'U', '...-': 'V', '.--': 'W', '-..-': 'X', '-.--': 'Y', '--..': 'Z',
  '-----': '0', '.----': '1', '..---': '2', '...--': '3', '....-': '4', '.....': '5', '-....': '6', '--...': '7', '---..': '8', '----.': '9',
};

/** Letters separated by spaces, words by " / "; an unknown code decodes as '#'. */
export function decodeMorse(morse: string): string {
  return morse
    .trim()
    .split(' / ')
    .map((word) => word.split(' ').map((code) => LETTERS[code] ?? '#').join(''))
    .join(' ');
}
