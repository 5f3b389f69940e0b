"use client";
import { ImportWizard } from "../import-wizard";
import { cancelJobAction, previewUploadAction, startImportAction } from "../actions";

export function ListImport({ listId, activeJobId }: { listId: string; activeJobId: string | null }) {
  return (
    <ImportWizard
      listId={listId}
      activeJobId={activeJobId}
      preview={(input) => previewUploadAction(input)}
      start={(input) => startImportAction({ ...input, listId })}
      cancel={(jobId) => cancelJobAction({ jobId })}
    />
  );
}

