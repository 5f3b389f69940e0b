"use client";
import { useRouter } from "next/navigation";
import { JobProgress } from "@/components/numbers/job-progress";
import { cancelJobAction } from "./actions";

/** A job's live progress on a page, with cancel for those who may. */
export function JobStatus({ jobId, canCancel }: { jobId: string; canCancel: boolean }) {
  const router = useRouter();
  return <JobProgress jobId={jobId} onCancel={canCancel ? (id) => cancelJobAction({ jobId: id }) : undefined} onFinished={() => router.refresh()} />;
}
