"""Baseline for bench_list_dags: the sequential `requests` loop from the Airflow REST API guides.

Usage: list_dags_baseline.py URL REPETITIONS
"""
import statistics
import sys
import time

import requests


def list_all_dags(session, url):
    dags, offset = [], 0
    while True:
        response = session.get(f"{url}/api/v1/dags", params={"limit": 100, "offset": offset})
        response.raise_for_status()
        page = response.json()
        dags.extend(page["dags"])
        offset += len(page["dags"])
        if not page["dags"] or offset >= page["total_entries"]:
            return dags


def main():
    url, repetitions = sys.argv[1].rstrip("/"), int(sys.argv[2])
    session = requests.Session()
    session.auth = ("admin", "admin")
    times, count = [], 0
    for _ in range(repetitions):
        start = time.perf_counter()
        count = len(list_all_dags(session, url))
        times.append((time.perf_counter() - start) * 1000)
    print(f"baseline dags={count} median_ms={statistics.median(times):.0f} "
          f"min_ms={min(times):.0f} max_ms={max(times):.0f}")


if __name__ == "__main__":
    main()
