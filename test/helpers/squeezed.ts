/** Text without its white space: a screen wraps long lines to its width, between words and within them (a long path), so what a test looks for in a frame is compared squeezed. */
export const squeezed = (text: string) => text.replaceAll(/\s+/g, '');
