/** The drag-and-drop payload type of a palette item (the node kind's name). */
export const PALETTE_MIME = 'application/x-workflow-node-kind';
