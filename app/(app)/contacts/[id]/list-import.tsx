"use client";
import { ImportWizard } from "../import-wizard";
import { cancelJobAction, previewUploadAction, startImportAction } from "../actions";

export function ListImport({ listId }: { listId: string }) {
  return (
    <ImportWizard
      listId={listId}
      preview={(input) => previewUploadAction(input)}
      start={(input) => startImportAction({ ...input, listId })}
      cancel={(jobId) => cancelJobAction({ jobId })}
    />
  );
}

