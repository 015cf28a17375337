import type { CalendarDayKind } from '@liandong/domain/calendar/calendar';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

/** An exception day of the working-day calendar. */
export interface CalendarException {
  day: string;
  kind: CalendarDayKind;
  nameZh: string;
  version: number;
}

export interface CalendarYear {
  year: number;
  days: CalendarException[];
  workingDays: number;
  abilities: { edit: boolean };
}

const CAL = ['calendar'] as const;

export function useCalendarYear(year: number) {
  return useQuery({
    queryKey: [...CAL, 'year', year],
    queryFn: ({ signal }) => api.get<CalendarYear>('/api/v1/calendar', { year }, signal),
    placeholderData: (prev) => prev,
  });
}

export function useSetDay() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ day, kind, nameZh }: { day: string; kind: CalendarDayKind; nameZh: string }) =>
      api.put<CalendarException>(`/api/v1/calendar/days/${day}`, { kind, nameZh }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: CAL }),
  });
}

export function useClearDay() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (day: string) => api.delete<{ ok: true }>(`/api/v1/calendar/days/${day}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: CAL }),
  });
}

/** 工作日计算: n working days after a day (the day itself not counted). */
export function useAddWorkingDays() {
  return useMutation({ mutationFn: ({ from, days }: { from: string; days: number }) => api.get<{ day: string }>('/api/v1/calendar/add', { from, days }) });
}

/** Working days between two days. */
export function useCountWorkingDays() {
  return useMutation({ mutationFn: ({ from, to }: { from: string; to: string }) => api.get<{ count: number }>('/api/v1/calendar/working-days', { from, to }) });
}
