// Ticket priorities, lowest first; a module of its own so every contract module can import it.
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
