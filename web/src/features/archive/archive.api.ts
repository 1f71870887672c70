/** 一事一档: the matter's file for staff, downloaded as .docx or .json (GET, followed as links). */
export const archiveApi = {
  docxUrl: (matterId: number) => `/api/matters/${matterId}/file.docx`,
  jsonUrl: (matterId: number) => `/api/matters/${matterId}/file.json`,
};
