import { ref, type Ref } from 'vue';
import { useRouter } from 'vue-router';
import { useAuthStore } from '@/stores/auth.ts';

/** Logs out (server and local; every store is emptied) and goes to the login page. */
export function useSignOut(): { signingOut: Ref<boolean>; signOut(): Promise<void> } {
  const auth = useAuthStore();
  const router = useRouter();
  const signingOut = ref(false);

  async function signOut(): Promise<void> {
    signingOut.value = true;
    try {
      await auth.logout();
      await router.push({ name: 'login' });
    } finally {
      signingOut.value = false;
    }
  }

  return { signingOut, signOut };
}
